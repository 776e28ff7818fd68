package dev.keel.manifest;

import static dev.keel.manifest.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestWriterTest {

  @Test
  void rewritesExampleExactlyAsSerdePrettyWithUnknownFieldsAppended() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/example.json");
    assertEquals(Fixtures.text("golden/example-rewritten.json"), m.toJsonString());
  }

  @Test
  void emptyManifestIsWhatUpdataInitWrites() {
    assertEquals("{\n  \"updates\": [],\n  \"migrations\": {}\n}", Manifest.empty().toJsonString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "updog-tests/example.json",
        "updog-tests/example_2.json",
        "updog-tests/example_3_aarch64.json",
        "updog-tests/example_3_x86_64.json",
        "updog-tests/multiple_aarch64.json",
        "updog-tests/multiple_x86_64.json",
        "updog-tests/regret.json",
        "updog-tests/single_wave.json",
        "update-metadata-tests/migrations.json"
      })
  void parseSerializeParseIsStable(String path) throws Exception {
    Manifest first = Fixtures.manifest("bottlerocket/" + path);
    byte[] written = first.toJson();
    Manifest second = Manifest.parse(written);
    assertEquals(first, second);
    assertArrayEquals(written, second.toJson());
  }

  @Test
  void migrationKeysAreNormalizedAndSortedAsStrings() throws Exception {
    Manifest m =
        Manifest.parse(
            ("{\"updates\": [], \"migrations\": {"
                    + "\"(1.9.0,1.10.0)\": [\"b\"], \"(1.10.0,   1.11.0)\": [\"c\"], \"(1.1.0, 1.2.0)\": []}}")
                .getBytes());
    assertEquals(
        "{\n  \"updates\": [],\n  \"migrations\": {\n"
            + "    \"(1.1.0, 1.2.0)\": [],\n"
            + "    \"(1.10.0, 1.11.0)\": [\n      \"c\"\n    ],\n"
            + "    \"(1.9.0, 1.10.0)\": [\n      \"b\"\n    ]\n  }\n}",
        m.toJsonString());
    assertEquals(
        List.of("(1.1.0, 1.2.0)", "(1.10.0, 1.11.0)", "(1.9.0, 1.10.0)"),
        m.migrations().keySet().stream().map(MigrationKey::toString).toList());
  }

  @Test
  void waveKeysAreWrittenInNumericOrderWithChronoTimes() {
    TreeMap<Long, Instant> waves =
        new TreeMap<>(
            Map.of(
                1843L, Instant.parse("2024-01-07T00:00:00Z"),
                20L, Instant.parse("2024-01-01T04:00:00.250Z"),
                0L, Instant.parse("2024-01-01T01:00:00Z")));
    Update u =
        Update.of("aws-k8s-1.29", "x86_64", v("1.19.0"), v("1.19.0"), new Images("b", "r", "h"))
            .withWaves(waves);
    Manifest m = new Manifest(List.of(u), Map.of(), UnknownFields.none());
    String json = m.toJsonString();
    assertTrue(
        json.contains(
            "\"waves\": {\n"
                + "        \"0\": \"2024-01-01T01:00:00Z\",\n"
                + "        \"20\": \"2024-01-01T04:00:00.250Z\",\n"
                + "        \"1843\": \"2024-01-07T00:00:00Z\"\n"
                + "      },"),
        json);
  }

  @Test
  void updatesKeepInsertionOrderAndTheOriginalsFieldOrder() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/multiple_x86_64.json");
    String json = m.toJsonString();
    assertTrue(json.indexOf("\"1.13.0\"") < json.indexOf("\"1.25.0\""));
    assertTrue(json.indexOf("\"1.25.0\"") < json.indexOf("\"1.15.0\""));
    int variant = json.indexOf("\"variant\"");
    int arch = json.indexOf("\"arch\"");
    int version = json.indexOf("\"version\"");
    int max = json.indexOf("\"max_version\"");
    int waves = json.indexOf("\"waves\"");
    int images = json.indexOf("\"images\"");
    int status = json.indexOf("\"status\"");
    assertTrue(
        variant < arch
            && arch < version
            && version < max
            && max < waves
            && waves < images
            && images < status,
        json);
  }

  @Test
  void writtenBytesHaveNoTrailingNewline() throws Exception {
    byte[] json = Fixtures.manifest("bottlerocket/updog-tests/regret.json").toJson();
    assertEquals('}', json[json.length - 1]);
  }

  @Test
  void anUpdateAloneIsWrittenAsInsideTheManifest() throws Exception {
    Update u = Fixtures.manifest("bottlerocket/updog-tests/regret.json").updates().get(0);
    String json = u.toJsonString();
    assertTrue(
        json.startsWith(
            "{\n  \"variant\": \"bottlerocket-aws-eks\",\n"
                + "  \"arch\": \"x86_64\",\n  \"version\": \"1.25.0\",\n"
                + "  \"max_version\": \"1.20.0\",\n  \"waves\": {\n"
                + "    \"0\": \"2019-10-06T15:00:00Z\",\n"
                + "    \"858993459\": \"2019-10-07T15:00:00Z\"\n  },"),
        json);
    assertTrue(json.endsWith("  \"status\": \"Ready\"\n}"), json);
  }
}
