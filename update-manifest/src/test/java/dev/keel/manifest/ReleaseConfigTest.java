package dev.keel.manifest;

import static dev.keel.manifest.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReleaseConfigTest {

  @Test
  void upstreamReleaseTomlParses() throws Exception {
    String toml = Fixtures.text("bottlerocket/release/Release.toml");
    ReleaseConfig r = ReleaseConfig.parse(toml, "Release.toml");
    assertEquals(v("1.26.1"), r.version());
    long keys = toml.lines().filter(l -> l.startsWith("\"(")).count();
    assertEquals(keys, r.migrations().size());
    List<String> lockdown = r.migrations().get(new MigrationKey(v("1.0.4"), v("1.0.5")));
    assertEquals(6, lockdown.size());
    assertEquals("migrate_v1.0.5_add-lockdown.lz4", lockdown.get(0));
    assertEquals("migrate_v1.0.5_add-proxy-services.lz4", lockdown.get(5));
    assertEquals(List.of(), r.migrations().get(new MigrationKey(v("0.3.2"), v("0.3.3"))));
  }

  @Test
  void updogTestReleaseTomlParses() throws Exception {
    ReleaseConfig r =
        ReleaseConfig.parse(Fixtures.text("bottlerocket/updog-tests/release.toml"), "release.toml");
    assertEquals(v("0.2.2"), r.version());
    assertEquals(
        List.of("(0.0.0, 0.0.1)", "(0.0.0, 0.0.2)", "(0.0.2, 0.0.3)"),
        r.migrations().keySet().stream().map(MigrationKey::toString).toList());
    assertEquals(
        List.of("migrate_0.0.1_foo", "migrate_0.0.1_baz", "migrate_0.0.2_bar"),
        r.migrations().get(new MigrationKey(v("0.0.0"), v("0.0.2"))));
  }

  static Stream<Arguments> badReleases() {
    String header = "version = '1.0.0'\n[migrations]\n";
    return Stream.of(
        arguments("[migrations]", "version", "required key is missing"),
        arguments("version = '1.0'\n[migrations]", "version", "Invalid SemVer '1.0'"),
        arguments("version = '1.0.0'", "migrations", "required key is missing"),
        arguments("version = '1.0.0'\nmigrations = 3", "migrations", "expected a table"),
        arguments(
            header + "'(1.0, 1.1)' = []",
            "migrations.\"(1.0, 1.1)\"",
            "Could not parse OS versions"),
        arguments(
            header + "'(1.0.0, 1.1.0)' = []\n'(1.0.0,1.1.0)' = []",
            "migrations.\"(1.0.0,1.1.0)\"",
            "Duplicate version key"),
        arguments(
            header + "'(1.0.0, 1.1.0)' = 'm'",
            "migrations.\"(1.0.0, 1.1.0)\"",
            "expected an array"),
        arguments(
            header + "'(1.0.0, 1.1.0)' = [1]",
            "migrations.\"(1.0.0, 1.1.0)\"[0]",
            "expected a string"));
  }

  @ParameterizedTest
  @MethodSource("badReleases")
  void errorsNameTheKey(String toml, String key, String message) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ReleaseConfig.parse(toml, "Release.toml"));
    assertEquals(key, e.key(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
