package dev.keel.tuf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.CanonicalJson;
import dev.keel.tuf.json.JsonInput;
import dev.keel.tuf.json.PrettyJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MetadataCodecTest {

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = MetadataCodecTest.class.getResourceAsStream("/fixtures/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void bottlerocketRootParsesAndReEmitsByteForByte() throws Exception {
    byte[] original = fixture("expired-root.json");
    Envelope<Root> env = MetadataCodec.root(original, "expired-root.json");
    Root root = env.signed();
    assertEquals(1, root.version());
    assertEquals(Instant.parse("1970-01-01T00:00:00Z"), root.expires());
    assertTrue(root.consistentSnapshot());
    String keyId = "febb06e5853878c3b2447c5100d327ebcf0807832c942f5e93ab28e0e4644684";
    assertEquals("rsa", root.keys().get(keyId).keyType());
    assertEquals(
        keyId, root.keys().get(keyId).keyId(), "key id is the SHA-256 of the key's canonical JSON");
    assertEquals(1, root.roleKeys(RoleType.TIMESTAMP).threshold());
    assertArrayEquals(original, MetadataCodec.serialize(env.signed(), env.signatures()));
  }

  @Test
  void aSignatureListNamingAKeyIdTwiceIsMalformed() throws Exception {
    ObjectNode tree = (ObjectNode) JsonInput.parse(fixture("expired-root.json"), "t");
    ArrayNode signatures = (ArrayNode) tree.get("signatures");
    signatures.add(signatures.get(0).deepCopy());
    MalformedMetadataException e =
        assertThrows(
            MalformedMetadataException.class,
            () -> MetadataCodec.root(PrettyJson.bytes(tree), "root.json"));
    assertEquals("signatures", e.field());
    assertTrue(
        e.getMessage()
            .contains(
                "multiple signatures for key id " + signatures.get(0).get("keyid").textValue()),
        e.getMessage());
  }

  @Test
  void canonicalBytesComeFromTheReceivedTreeIncludingUnknownFields() throws Exception {
    byte[] original = fixture("expired-root.json");
    ObjectNode tree = (ObjectNode) JsonInput.parse(original, "t");
    ((ObjectNode) tree.get("signed")).put("x-extension", "kept");
    Envelope<Root> env = MetadataCodec.root(PrettyJson.bytes(tree), "t");
    assertEquals("kept", env.signed().unrecognized().get("x-extension").textValue());
    assertArrayEquals(
        CanonicalJson.encode(tree.get("signed")), env.canonicalSigned().toByteArray());
    assertArrayEquals(
        PrettyJson.bytes(tree),
        MetadataCodec.serialize(env.signed(), env.signatures()),
        "unknown fields survive a round trip");
  }

  @Test
  void everyRoleRoundTripsByteForByte() throws Exception {
    Instant exp = Instant.parse("2030-01-01T00:00:00Z");
    Key key = new Key("ed25519", "ed25519", "aa".repeat(32));
    Targets targets =
        new Targets(
            "1.0.0",
            3,
            exp,
            Map.of(
                "a/b.txt",
                new TargetFile(
                    5,
                    Map.of("sha256", "00".repeat(32)),
                    Optional.of(
                        JsonInput.parse("{\"x\":[1]}".getBytes(StandardCharsets.UTF_8), "t")),
                    Map.of())),
            Optional.of(
                Delegations.ofRoles(
                    Map.of(key.keyId(), key),
                    List.of(
                        DelegatedRole.withPaths(
                            "images", List.of(key.keyId()), 1, true, List.of("images/*")),
                        DelegatedRole.withHashPrefixes(
                            "bins", List.of(key.keyId()), 1, false, List.of("00", "8f"))))),
            Map.of());
    Targets succinct =
        new Targets(
            "1.0.0",
            1,
            exp,
            Map.of(),
            Optional.of(
                Delegations.ofSuccinct(
                    Map.of(key.keyId(), key),
                    new SuccinctRoles(List.of(key.keyId()), 1, 8, "bin"))),
            Map.of());
    Snapshot snapshot =
        new Snapshot(
            "1.0.0",
            4,
            exp,
            Map.of(
                "targets.json",
                new MetaFile(3, OptionalLong.of(100), Map.of("sha256", "11".repeat(32)), Map.of())),
            Map.of());
    Timestamp timestamp =
        new Timestamp("1.0.0", 5, exp, Map.of("snapshot.json", new MetaFile(4)), Map.of());
    List<Signature> sigs = List.of(new Signature(key.keyId(), "abcd"));
    for (Signed s : List.of(targets, succinct, snapshot, timestamp)) {
      byte[] bytes = MetadataCodec.serialize(s, sigs);
      Envelope<? extends Signed> parsed = MetadataCodec.any(bytes, s.type().jsonName());
      assertEquals(s, parsed.signed());
      assertArrayEquals(
          bytes,
          MetadataCodec.serialize(parsed.signed(), parsed.signatures()),
          s.type() + " re-emits byte for byte");
    }
  }

  @Test
  void errorsNameTheFileAndField() {
    String json =
        "{\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0.0\",\"version\":\"7\","
            + "\"expires\":\"2030-01-01T00:00:00Z\",\"meta\":{}},\"signatures\":[]}";
    MalformedMetadataException e =
        assertThrows(
            MalformedMetadataException.class,
            () -> MetadataCodec.timestamp(json.getBytes(StandardCharsets.UTF_8), "timestamp.json"));
    assertEquals("timestamp.json", e.source());
    assertEquals("signed.version", e.field());
  }

  @Test
  void rejectsWrongTypeAndSpecMajorAndBadTimes() {
    String base =
        "{\"signed\":{\"_type\":\"%s\",\"spec_version\":\"%s\",\"version\":1,\"expires\":\"%s\","
            + "\"meta\":{\"snapshot.json\":{\"version\":1}}},\"signatures\":[]}";
    assertEquals(
        "signed._type",
        assertThrows(
                MalformedMetadataException.class,
                () ->
                    MetadataCodec.timestamp(
                        String.format(base, "snapshot", "1.0.0", "2030-01-01T00:00:00Z")
                            .getBytes(StandardCharsets.UTF_8),
                        "t"))
            .field());
    assertEquals(
        "signed.spec_version",
        assertThrows(
                MalformedMetadataException.class,
                () ->
                    MetadataCodec.timestamp(
                        String.format(base, "timestamp", "2.0.0", "2030-01-01T00:00:00Z")
                            .getBytes(StandardCharsets.UTF_8),
                        "t"))
            .field());
    assertEquals(
        "signed.expires",
        assertThrows(
                MalformedMetadataException.class,
                () ->
                    MetadataCodec.timestamp(
                        String.format(base, "timestamp", "1.0.0", "tomorrow")
                            .getBytes(StandardCharsets.UTF_8),
                        "t"))
            .field());
  }

  @Test
  void expiresWithOffsetIsReadAsUtc() throws Exception {
    String json =
        "{\"signed\":{\"_type\":\"timestamp\",\"spec_version\":\"1.0.31\",\"version\":1,"
            + "\"expires\":\"2030-01-01T02:00:00+02:00\",\"meta\":{\"snapshot.json\":{\"version\":1}}},\"signatures\":[]}";
    assertEquals(
        Instant.parse("2030-01-01T00:00:00Z"),
        MetadataCodec.timestamp(json.getBytes(StandardCharsets.UTF_8), "t").signed().expires());
  }

  @Test
  void requiresEveryTopLevelRoleInRoot() throws Exception {
    ObjectNode tree = (ObjectNode) JsonInput.parse(fixture("expired-root.json"), "t");
    ((ObjectNode) tree.get("signed").get("roles")).remove("snapshot");
    MalformedMetadataException e =
        assertThrows(
            MalformedMetadataException.class,
            () -> MetadataCodec.root(PrettyJson.bytes(tree), "root.json"));
    assertEquals("signed.roles", e.field());
  }
}
