package dev.keel.manifest;

import static dev.keel.manifest.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.manifest.MalformedManifestException.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestReaderTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.json",
        "example_2.json",
        "example_3_aarch64.json",
        "example_3_x86_64.json",
        "multiple_aarch64.json",
        "multiple_x86_64.json",
        "regret.json",
        "single_wave.json"
      })
  void everyValidUpdogFixtureParses(String name) throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/" + name);
    assertTrue(!m.updates().isEmpty(), name);
  }

  @Test
  void exampleParsesFieldByField() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/example.json");
    assertEquals(1, m.updates().size());
    Update u = m.updates().get(0);
    assertEquals("bottlerocket-aws-eks", u.variant());
    assertEquals("x86_64", u.arch());
    assertEquals(v("1.13.0"), u.version());
    assertEquals(v("1.20.0"), u.maxVersion());
    assertEquals(
        Map.of(
            0L, Instant.parse("2019-10-06T15:00:00Z"),
            500L, Instant.parse("2019-10-07T15:00:00Z"),
            1024L, Instant.parse("2019-10-08T15:00:00Z")),
        u.waves());
    assertEquals(List.of(0L, 500L, 1024L), List.copyOf(u.waves().keySet()));
    assertEquals("stuff-boot-bottlerocket-aws-eks-1.13-m1.20191006.img", u.images().boot());
    assertEquals(List.of("status"), u.unknownFields().names());
    assertEquals("Ready", u.unknownFields().find("status").orElseThrow().textValue());
    assertEquals(
        Map.of(
            new MigrationKey(v("1.11.0"), v("1.12.0")), List.of("migrate_1.12.0_foo"),
            new MigrationKey(v("1.12.0"), v("1.13.0")),
                List.of("migrate_1.13.0_foo", "migrate_1.13.0_bar")),
        m.migrations());
    assertTrue(m.unknownFields().isEmpty());
  }

  @Test
  void singleDigitMonthsParseAsChronoDoes() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/example_2.json");
    assertEquals(Instant.parse("2019-08-31T15:00:00Z"), m.updates().get(0).waves().get(1024L));
  }

  @Test
  void unknownTopLevelFieldsAreKept() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/single_wave.json");
    assertEquals(List.of("datastore_versions"), m.unknownFields().names());
    assertTrue(m.unknownFields().find("datastore_versions").orElseThrow().isObject());
  }

  @Test
  void migrationsFixtureParses() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/update-metadata-tests/migrations.json");
    assertEquals(4, m.migrations().size());
    assertEquals(
        List.of("migration_1.1.0_a", "migration_1.1.0_b"),
        m.migrations().get(new MigrationKey(v("1.0.0"), v("1.1.0"))));
  }

  @Test
  void badBoundFixtureFailsWithBadBoundField() {
    MalformedManifestException e =
        assertThrows(
            MalformedManifestException.class,
            () -> Fixtures.manifest("bottlerocket/updog-tests/bad-bound.json"));
    assertEquals(Problem.BAD_BOUND, e.problem());
    assertEquals("updates[0].waves", e.field());
    assertTrue(e.getMessage().contains("Bad bound field '234ab32'"), e.getMessage());
  }

  @Test
  void duplicateBoundFixtureFailsWithDuplicateKeyId() {
    MalformedManifestException e =
        assertThrows(
            MalformedManifestException.class,
            () -> Fixtures.manifest("bottlerocket/updog-tests/duplicate-bound.json"));
    assertEquals(Problem.DUPLICATE_BOUND, e.problem());
    assertEquals("updates[0].waves", e.field());
    assertTrue(e.getMessage().contains("Duplicate key ID '0'"), e.getMessage());
  }

  @Test
  void differentlySpelledEqualBoundsAreDuplicates() {
    MalformedManifestException e =
        assertThrows(
            MalformedManifestException.class,
            () ->
                parse(
                    manifestWithWaves(
                        "\"20\": \"2019-10-06T15:00:00Z\", "
                            + "\"020\": \"2019-10-07T15:00:00Z\"")));
    assertEquals(Problem.DUPLICATE_BOUND, e.problem());
    assertTrue(e.getMessage().contains("Duplicate key ID 20"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"'\"+5\"', 5", "'\"007\"', 7", "'\"4294967295\"', 4294967295"})
  void boundsAreReadAsRustReadsAU32(String key, long seed) throws Exception {
    Manifest m = parse(manifestWithWaves(key + ": \"2019-10-06T15:00:00Z\""));
    assertEquals(List.of(seed), List.copyOf(m.updates().get(0).waves().keySet()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "4294967296", "", " 1", "1.0", "0x10", "99999999999999999999"})
  void boundsThatAreNotU32Fail(String key) {
    MalformedManifestException e =
        assertThrows(
            MalformedManifestException.class,
            () -> parse(manifestWithWaves("\"" + key + "\": \"2019-10-06T15:00:00Z\"")));
    assertEquals(Problem.BAD_BOUND, e.problem());
  }

  @Test
  void badWaveTimeNamesTheWave() {
    MalformedManifestException e =
        assertThrows(
            MalformedManifestException.class,
            () -> parse(manifestWithWaves("\"0\": \"tomorrow\"")));
    assertEquals(Problem.BAD_TIME, e.problem());
    assertEquals("updates[0].waves.0", e.field());
  }

  @Test
  void historicalDatastoreVersionsManifestIsRejectedOnItsMigrationKeys() {
    // Decision: the pre-2020 manifest keys migrations by datastore version ("(1.0, 1.1)"), which
    // is not SemVer. As the current original, we reject the whole document rather than accept a
    // manifest whose migration table would silently mean nothing.
    MalformedManifestException e =
        assertThrows(
            MalformedManifestException.class,
            () ->
                Fixtures.manifest("bottlerocket/historical/example-with-datastore_versions.json"));
    assertEquals(Problem.BAD_MIGRATION_KEY, e.problem());
    assertEquals("migrations", e.field());
    assertTrue(
        e.getMessage().contains("Could not parse OS versions from '(1.0, 1.1)'"), e.getMessage());
  }

  @Test
  void historicalManifestParsesOnceItsLegacyMigrationsAreGone() throws Exception {
    // Everything else in the old schema is still valid: the updates parse and the legacy
    // datastore_versions map is kept as an unknown field and written back.
    String text = Fixtures.text("bottlerocket/historical/example-with-datastore_versions.json");
    String withoutLegacyKeys =
        text.replaceAll("(?s)\"migrations\": \\{.*?\\},", "\"migrations\": {},");
    Manifest m = parse(withoutLegacyKeys);
    assertEquals(v("1.13.0"), m.updates().get(0).version());
    JsonNode legacy = m.unknownFields().find("datastore_versions").orElseThrow();
    assertEquals("1.2", legacy.get("1.13.0").textValue());
    assertTrue(
        m.toJsonString().contains("\"datastore_versions\": {\n    \"1.11.0\": \"1.0\""),
        m.toJsonString());
  }

  @Test
  void equalMigrationKeysSpelledDifferentlyAreDuplicateVersionKeys() {
    MalformedManifestException e =
        assertThrows(
            MalformedManifestException.class,
            () ->
                parse(
                    "{\"updates\": [], \"migrations\": {\"(1.0.0, 1.1.0)\": [], "
                        + "\"(1.0.0,1.1.0)\": [\"m\"]}}"));
    assertEquals(Problem.DUPLICATE_MIGRATION_KEY, e.problem());
    assertTrue(e.getMessage().contains("Duplicate version key '(1.0.0,1.1.0)'"), e.getMessage());
  }

  @Test
  void identicalMigrationKeysAreDuplicateVersionKeys() {
    MalformedManifestException e =
        assertThrows(
            MalformedManifestException.class,
            () ->
                parse(
                    "{\"updates\": [], \"migrations\": {\"(1.0.0, 1.1.0)\": [], "
                        + "\"(1.0.0, 1.1.0)\": [\"m\"]}}"));
    assertEquals(Problem.DUPLICATE_MIGRATION_KEY, e.problem());
  }

  @Test
  void otherDuplicateJsonKeysAreRejected() {
    MalformedManifestException e =
        assertThrows(
            MalformedManifestException.class,
            () -> parse("{\"updates\": [], \"migrations\": {}, \"updates\": []}"));
    assertEquals(Problem.DUPLICATE_JSON_KEY, e.problem());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"migrations\": {}}|updates|MISSING_FIELD",
        "{\"updates\": []}|migrations|MISSING_FIELD",
        "{\"updates\": {}, \"migrations\": {}}|updates|WRONG_TYPE",
        "{\"updates\": [], \"migrations\": []}|migrations|WRONG_TYPE",
        "{\"updates\": [], \"migrations\": {\"(1.0.0, 1.1.0)\": \"m\"}}|migrations.(1.0.0, 1.1.0)|WRONG_TYPE",
        "{\"updates\": [], \"migrations\": {\"(1.0.0, 1.1.0)\": [1]}}|migrations.(1.0.0, 1.1.0)[0]|WRONG_TYPE",
        "{\"updates\": [], \"migrations\": {\"1.0.0 to 1.1.0\": []}}|migrations|BAD_MIGRATION_KEY",
        "{\"updates\": [], \"migrations\": {\"(1.0, 1.1.0)\": []}}|migrations|BAD_MIGRATION_KEY",
        "[]||WRONG_TYPE",
        "{\"updates\": [], \"migrations\": {}} x||SYNTAX",
        "{\"updates\": [1], \"migrations\": {}}|updates[0]|WRONG_TYPE"
      })
  void structuralErrorsNameTheField(String json, String field, Problem problem) {
    MalformedManifestException e =
        assertThrows(MalformedManifestException.class, () -> parse(json));
    assertEquals(problem, e.problem(), e.getMessage());
    assertEquals(field == null ? "" : field, e.field());
  }

  @ParameterizedTest
  @ValueSource(strings = {"variant", "arch", "version", "max_version", "waves", "images"})
  void everyUpdateFieldIsRequired(String field) throws Exception {
    String json = Fixtures.text("bottlerocket/updog-tests/example_3_x86_64.json");
    ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(json);
    ((ObjectNode) tree.get("updates").get(1)).remove(field);
    MalformedManifestException e =
        assertThrows(MalformedManifestException.class, () -> parse(tree.toString()));
    assertEquals(Problem.MISSING_FIELD, e.problem());
    assertEquals("updates[1]." + field, e.field());
  }

  @ParameterizedTest
  @ValueSource(strings = {"boot", "root", "hash"})
  void everyImageIsRequired(String image) {
    String json =
        "{\"updates\": [{\"variant\": \"v\", \"arch\": \"x86_64\", \"version\": "
            + "\"1.0.0\", \"max_version\": \"1.0.0\", \"waves\": {}, \"images\": {"
            + (image.equals("boot") ? "" : "\"boot\": \"b\",")
            + (image.equals("root") ? "" : "\"root\": \"r\",")
            + (image.equals("hash") ? "\"x\": 1" : "\"hash\": \"h\"")
            + "}}], \"migrations\": {}}";
    MalformedManifestException e =
        assertThrows(MalformedManifestException.class, () -> parse(json));
    assertEquals(Problem.MISSING_FIELD, e.problem());
    assertEquals("updates[0].images." + image, e.field());
  }

  @Test
  void badVersionsAreNamed() {
    String json =
        "{\"updates\": [{\"variant\": \"v\", \"arch\": \"x86_64\", \"version\": "
            + "\"1.0\", \"max_version\": \"1.0.0\", \"waves\": {}, \"images\": {\"boot\": \"b\","
            + "\"root\": \"r\", \"hash\": \"h\"}}], \"migrations\": {}}";
    MalformedManifestException e =
        assertThrows(MalformedManifestException.class, () -> parse(json));
    assertEquals(Problem.BAD_VERSION, e.problem());
    assertEquals("updates[0].version", e.field());
  }

  @Test
  void sourceNamesTheDocument() {
    MalformedManifestException e =
        assertThrows(
            MalformedManifestException.class,
            () -> Manifest.parse("{}".getBytes(StandardCharsets.UTF_8), "repo/manifest.json"));
    assertEquals("repo/manifest.json", e.source());
    assertTrue(e.getMessage().startsWith("repo/manifest.json: field 'updates'"), e.getMessage());
  }

  static String manifestWithWaves(String waves) {
    return "{\"updates\": [{\"variant\": \"v\", \"arch\": \"x86_64\", \"version\": \"1.0.0\", "
        + "\"max_version\": \"1.0.0\", \"waves\": {"
        + waves
        + "}, \"images\": {\"boot\": \"b\","
        + "\"root\": \"r\", \"hash\": \"h\"}}], \"migrations\": {}}";
  }

  static Manifest parse(String json) throws MalformedManifestException {
    return Manifest.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
