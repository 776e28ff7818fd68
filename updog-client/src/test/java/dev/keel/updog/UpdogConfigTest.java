package dev.keel.updog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.manifest.ConfigException;
import dev.keel.manifest.SemVer;
import dev.keel.manifest.VersionLock;
import dev.keel.tuf.transport.ProxySettings;
import dev.keel.updog.error.UpdogConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** updog.toml (section 3.2) and os-release (section 3.3). */
class UpdogConfigTest {
  static final String GOOD =
      """
      metadata_base_url = "https://updates.bottlerocket.aws/2020-07-07/aws-k8s-1.29/x86_64/"
      targets_base_url = "https://updates.bottlerocket.aws/targets/"
      seed = 1487
      version_lock = "v1.20.3"
      ignore_waves = true
      future_key = "ignored"
      """;
  @TempDir Path tmp;

  @Test
  void readsEveryKey() throws Exception {
    UpdogConfig c = UpdogConfig.parse(GOOD, "updog.toml");
    assertEquals(URI.create("https://updates.bottlerocket.aws/targets/"), c.targetsBaseUrl());
    assertEquals(1487, c.seed().value());
    assertEquals(new VersionLock.Exact(SemVer.of(1, 20, 3)), c.versionLock());
    assertTrue(c.ignoreWaves());
    assertEquals(Optional.empty(), c.httpsProxy());
  }

  @Test
  void errorsNameTheFileAndTheKey() {
    ConfigException missing =
        assertThrows(
            ConfigException.class,
            () -> UpdogConfig.parse(GOOD.replace("seed = 1487\n", ""), "/etc/updog.toml"));
    assertEquals("/etc/updog.toml: key 'seed': required key is missing", missing.getMessage());
    ConfigException type =
        assertThrows(
            ConfigException.class,
            () ->
                UpdogConfig.parse(
                    GOOD.replace("ignore_waves = true", "ignore_waves = \"yes\""), "u.toml"));
    assertEquals("u.toml: key 'ignore_waves': expected true or false", type.getMessage());
    ConfigException lock =
        assertThrows(
            ConfigException.class,
            () -> UpdogConfig.parse(GOOD.replace("v1.20.3", "newest"), "u.toml"));
    assertTrue(
        lock.getMessage().startsWith("u.toml: key 'version_lock': Bad version string 'newest'"),
        lock.getMessage());
    ConfigException seed =
        assertThrows(
            ConfigException.class, () -> UpdogConfig.parse(GOOD.replace("1487", "4096"), "u.toml"));
    assertEquals("u.toml: key 'seed': must be below 2048, got 4096", seed.getMessage());
    assertThrows(ConfigException.class, () -> UpdogConfig.parse("seed = [", "u.toml"));
    ConfigException url =
        assertThrows(
            ConfigException.class,
            () ->
                UpdogConfig.parse(
                    GOOD.replace("https://updates.bottlerocket.aws/targets/", "targets"),
                    "u.toml"));
    assertTrue(url.getMessage().startsWith("u.toml: key 'targets_base_url'"), url.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = tmp.resolve("etc/updog.toml");
    UpdogConfigException e = assertThrows(UpdogConfigException.class, () -> UpdogConfig.load(file));
    assertEquals(file + ": no such file", e.getMessage());
  }

  @Test
  void proxiesAsTheOriginalSetsThem() throws Exception {
    UpdogConfig plain = UpdogConfig.parse(GOOD + "no_proxy = [\"localhost\"]\n", "u");
    assertEquals(
        ProxySettings.fromEnvironment(Map.of()),
        plain.proxies(Map.of()),
        "no_proxy alone does nothing");
    UpdogConfig proxied =
        UpdogConfig.parse(
            GOOD
                + "https_proxy = \"proxy.example:3128\"\nno_proxy = [\"localhost\", \".internal\"]\n",
            "u");
    ProxySettings p = proxied.proxies(Map.of("HTTPS_PROXY", "http://other:1"));
    assertEquals(
        "proxy.example", p.proxyFor(URI.create("https://updates.example/x")).orElseThrow().host());
    assertTrue(p.proxyFor(URI.create("https://a.internal/x")).isEmpty());
    assertTrue(p.proxyFor(URI.create("https://localhost/x")).isEmpty());
    assertEquals(List.of("localhost", ".internal"), proxied.noProxy());
    assertTrue(UpdogConfig.parse(GOOD + "https_proxy = \"\"\n", "u").httpsProxy().isEmpty());
  }

  @Test
  void progressLine() {
    assertEquals(
        "root.lz4 [===============>              ]  50% 50.0/100.0 MB 25.0 MB/s ETA 0:02",
        TerminalProgress.line("root.lz4", 50_000_000, 100_000_000, 2000));
    assertEquals(
        "x [==============================] 100% 1.0/1.0 MB 1.0 MB/s ETA 0:00",
        TerminalProgress.line("x", 1_000_000, 1_000_000, 1000));
  }
}
