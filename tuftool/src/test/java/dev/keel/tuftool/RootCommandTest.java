package dev.keel.tuftool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.json.JsonInput;
import dev.keel.tuf.json.PrettyJson;
import dev.keel.tuf.model.Envelope;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.trust.ThresholdCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCommandTest {

  static Root read(Path p) throws Exception {
    return MetadataCodec.root(Files.readAllBytes(p), p.toString()).signed();
  }

  @Test
  void initWritesAnUnusableRootUntilConfigured(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("root.json");
    TuftoolRun.of("root", "init", root.toString()).ok();
    Root r = read(root);
    assertEquals(1, r.version());
    assertTrue(r.consistentSnapshot());
    assertEquals(TuftoolRun.NOW, r.expires());
    assertEquals(RootCommand.INITIAL_THRESHOLD, r.roleKeys(RoleType.TIMESTAMP).threshold());
    assertTrue(r.keys().isEmpty());
  }

  @Test
  void configuresKeysThresholdsVersionAndExpiryThenSigns(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("root.json");
    TuftoolRun.of("root", "init", root.toString()).ok();
    for (RoleType r : RoleType.values()) {
      TuftoolRun.of("root", "set-threshold", root.toString(), r.jsonName(), "1").ok();
    }
    String rootKeyId =
        TuftoolRun.of(
                "root",
                "gen-key",
                root.toString(),
                dir.resolve("root.pem").toString(),
                "-r",
                "root")
            .ok()
            .out()
            .trim();
    TuftoolRun.of(
            "root",
            "gen-key",
            root.toString(),
            dir.resolve("ts.pem").toString(),
            "--type",
            "ecdsa",
            "-r",
            "timestamp",
            "-r",
            "snapshot")
        .ok();
    TuftoolRun.of("root", "expire", root.toString(), "in 52 weeks").ok();
    TuftoolRun.of("root", "bump-version", root.toString()).ok();
    TuftoolRun.of("root", "sign", root.toString(), "-k", dir.resolve("root.pem").toString()).ok();
    Envelope<Root> env = MetadataCodec.root(Files.readAllBytes(root), "root.json");
    Root r = env.signed();
    assertEquals(2, r.version());
    assertEquals(TuftoolRun.NOW.plusSeconds(52L * 7 * 86400), r.expires());
    assertEquals(List.of(rootKeyId), r.roleKeys(RoleType.ROOT).keyIds());
    assertEquals(2, r.keys().size());
    assertEquals("ecdsa", r.keys().get(r.roleKeys(RoleType.TIMESTAMP).keyIds().get(0)).keyType());
    assertTrue(
        new ThresholdCheck()
            .check(r.roleKeys(RoleType.ROOT), r.keys(), env.canonicalSigned(), env.signatures())
            .isVerified());
    // A change drops signatures that no longer verify.
    TuftoolRun.of("root", "set-version", root.toString(), "3").ok();
    assertTrue(MetadataCodec.root(Files.readAllBytes(root), "root.json").signatures().isEmpty());
  }

  @Test
  void signRefusesKeysThatAreNotRootKeysAndBelowThreshold(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("root.json");
    TuftoolRun.of("root", "init", root.toString()).ok();
    TuftoolRun.of(
            "root", "gen-key", root.toString(), dir.resolve("root.pem").toString(), "-r", "root")
        .ok();
    TuftoolRun.of(
            "root", "gen-key", root.toString(), dir.resolve("t.pem").toString(), "-r", "targets")
        .ok();
    TuftoolRun notRoot =
        TuftoolRun.of("root", "sign", root.toString(), "-k", dir.resolve("t.pem").toString());
    assertEquals(1, notRoot.exit());
    assertTrue(notRoot.err().contains("is not a root key"), notRoot.err());
    // Threshold is still 1507.
    TuftoolRun below =
        TuftoolRun.of("root", "sign", root.toString(), "-k", dir.resolve("root.pem").toString());
    assertEquals(1, below.exit());
    assertTrue(below.err().contains("threshold is 1507"), below.err());
    TuftoolRun.of("root", "sign", root.toString(), "-k", dir.resolve("root.pem").toString(), "-i")
        .ok();
  }

  @Test
  void crossSigningSignsOnlyWithKeysOfTheOldRoot(@TempDir Path dir) throws Exception {
    Path v1 = dir.resolve("1.root.json");
    TuftoolRun.of("root", "init", v1.toString()).ok();
    TuftoolRun.of("root", "set-threshold", v1.toString(), "root", "1").ok();
    TuftoolRun.of("root", "gen-key", v1.toString(), dir.resolve("old.pem").toString(), "-r", "root")
        .ok();
    TuftoolRun.of("root", "sign", v1.toString(), "-k", dir.resolve("old.pem").toString()).ok();
    Path v2 = dir.resolve("2.root.json");
    Files.copy(v1, v2);
    TuftoolRun.of("root", "bump-version", v2.toString()).ok();
    String oldId = read(v1).roleKeys(RoleType.ROOT).keyIds().get(0);
    TuftoolRun.of("root", "gen-key", v2.toString(), dir.resolve("new.pem").toString(), "-r", "root")
        .ok();
    TuftoolRun.of("root", "remove-key", v2.toString(), oldId).ok();
    byte[] unsigned = Files.readAllBytes(v2);
    // With -c, a key of the new root is not an old root key, even next to one that is.
    TuftoolRun mixed =
        TuftoolRun.of(
            "root",
            "sign",
            v2.toString(),
            "-k",
            dir.resolve("new.pem").toString(),
            "-k",
            dir.resolve("old.pem").toString(),
            "-c",
            v1.toString());
    assertEquals(1, mixed.exit(), mixed.err());
    assertTrue(mixed.err().contains("is not a root key of the old root (version 1)"), mixed.err());
    assertArrayEquals(unsigned, Files.readAllBytes(v2), "nothing written");
    // The rotation: the new root's keys sign, then the old root's keys cross-sign.
    TuftoolRun.of("root", "sign", v2.toString(), "-k", dir.resolve("new.pem").toString()).ok();
    TuftoolRun oldOnly =
        TuftoolRun.of(
            "root",
            "sign",
            v2.toString(),
            "-k",
            dir.resolve("new.pem").toString(),
            "-c",
            v1.toString());
    assertEquals(1, oldOnly.exit(), oldOnly.err());
    TuftoolRun.of(
            "root",
            "sign",
            v2.toString(),
            "-k",
            dir.resolve("old.pem").toString(),
            "-c",
            v1.toString())
        .ok();
    Envelope<Root> env = MetadataCodec.root(Files.readAllBytes(v2), "v2");
    assertEquals(2, env.signatures().size());
    Root old = read(v1);
    assertTrue(
        new ThresholdCheck()
            .check(old.roleKeys(RoleType.ROOT), old.keys(), env.canonicalSigned(), env.signatures())
            .isVerified(),
        "the old root's keys signed the new root");
    assertTrue(
        new ThresholdCheck()
            .check(
                env.signed().roleKeys(RoleType.ROOT),
                env.signed().keys(),
                env.canonicalSigned(),
                env.signatures())
            .isVerified(),
        "and so did the new root's");
  }

  @Test
  void signWritesTheSignedObjectAsReceived(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("root.json");
    TuftoolRun.of("root", "init", root.toString()).ok();
    TuftoolRun.of("root", "set-threshold", root.toString(), "root", "1").ok();
    TuftoolRun.of(
            "root", "gen-key", root.toString(), dir.resolve("root.pem").toString(), "-r", "root")
        .ok();
    // Written by another tool: an offset instead of Z, an extension field, an extra top-level
    // field.
    ObjectNode tree = JsonInput.parseObject(Files.readAllBytes(root), "root.json");
    ((ObjectNode) tree.get("signed"))
        .put("expires", "2030-01-01T00:00:00+00:00")
        .put("x-extension", "kept");
    tree.put("x-note", "also kept");
    Files.write(root, PrettyJson.bytes(tree));
    TuftoolRun.of("root", "sign", root.toString(), "-k", dir.resolve("root.pem").toString()).ok();
    ObjectNode written = JsonInput.parseObject(Files.readAllBytes(root), "root.json");
    assertEquals(tree.get("signed"), written.get("signed"), "the signed object is the one read");
    assertEquals("also kept", written.get("x-note").textValue());
    Envelope<Root> env = MetadataCodec.root(Files.readAllBytes(root), "root.json");
    assertTrue(
        new ThresholdCheck()
            .check(
                env.signed().roleKeys(RoleType.ROOT),
                env.signed().keys(),
                env.canonicalSigned(),
                env.signatures())
            .isVerified(),
        "the file verifies as written");
  }

  @Test
  void usageErrorsExitTwoAndNameTheProblem(@TempDir Path dir) {
    TuftoolRun r =
        TuftoolRun.of("root", "set-threshold", dir.resolve("x.json").toString(), "mirrors", "1");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown role 'mirrors'"), r.err());
    assertEquals(2, TuftoolRun.of("root", "init").exit());
    assertEquals(2, TuftoolRun.of("bogus").exit());
    TuftoolRun missing =
        TuftoolRun.of("root", "bump-version", dir.resolve("missing.json").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("missing.json"), missing.err());
  }
}
