package dev.keel.tuf.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.error.ExpiryNotSetException;
import dev.keel.tuf.error.UnsignedMetadataException;
import dev.keel.tuf.error.VersionNotIncreasedException;
import dev.keel.tuf.model.DelegatedRole;
import dev.keel.tuf.model.Envelope;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.MetaFile;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.Snapshot;
import dev.keel.tuf.model.SuccinctRoles;
import dev.keel.tuf.model.TargetFile;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.model.Targets;
import dev.keel.tuf.model.Timestamp;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.testkit.TestKeys;
import dev.keel.tuf.testkit.TestRepository;
import dev.keel.tuf.trust.ThresholdCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryEditorTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final TargetFile FILE = new TargetFile(3, Map.of("sha256", "ab".repeat(32)));

  @Test
  void everyWrittenRoleVerifiesRoleByRole(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW).addTarget("x.txt", "xyz".getBytes());
    Path md = repo.metadataDir();
    ThresholdCheck check = new ThresholdCheck();
    Root root = MetadataCodec.root(Files.readAllBytes(md.resolve("1.root.json")), "root").signed();
    byte[] tsBytes = Files.readAllBytes(md.resolve("timestamp.json"));
    Envelope<Timestamp> ts = MetadataCodec.timestamp(tsBytes, "timestamp");
    check.require(
        "timestamp",
        root.roleKeys(RoleType.TIMESTAMP),
        root.keys(),
        ts.canonicalSigned(),
        ts.signatures());
    MetaFile snapMeta = ts.signed().snapshotMeta();
    byte[] snapBytes = Files.readAllBytes(md.resolve(snapMeta.version() + ".snapshot.json"));
    assertEquals(snapMeta.length().getAsLong(), snapBytes.length);
    assertEquals(snapMeta.hashes().get("sha256"), HashAlgorithm.SHA256.hex(snapBytes));
    Envelope<Snapshot> snap = MetadataCodec.snapshot(snapBytes, "snapshot");
    check.require(
        "snapshot",
        root.roleKeys(RoleType.SNAPSHOT),
        root.keys(),
        snap.canonicalSigned(),
        snap.signatures());
    MetaFile targetsMeta = snap.signed().findRole("targets").orElseThrow();
    byte[] targetsBytes = Files.readAllBytes(md.resolve(targetsMeta.version() + ".targets.json"));
    assertEquals(targetsMeta.hashes().get("sha256"), HashAlgorithm.SHA256.hex(targetsBytes));
    Envelope<Targets> targets = MetadataCodec.targets(targetsBytes, "targets");
    check.require(
        "targets",
        root.roleKeys(RoleType.TARGETS),
        root.keys(),
        targets.canonicalSigned(),
        targets.signatures());
    assertEquals(3, targets.signed().findTarget("x.txt").orElseThrow().length());
  }

  @Test
  void untouchedRolesKeepTheirBytesAndVersions(@TempDir Path dir) throws Exception {
    SigningKey images = TestKeys.ed25519("images");
    TestRepository repo =
        TestRepository.create(dir, NOW)
            .publish(
                e ->
                    e.delegate(
                        RepositoryEditor.TOP_LEVEL_TARGETS,
                        DelegatedRole.withPaths(
                            "images", List.of(images.keyId()), 1, true, List.of("images/*")),
                        Map.of(images.keyId(), images.publicKey()),
                        NOW.plusSeconds(86400)),
                List.of(images));
    RepositoryEditor editor = repo.edit();
    editor.addTarget(RepositoryEditor.TOP_LEVEL_TARGETS, TargetPath.of("top.txt"), FILE);
    editor
        .expires(RepositoryEditor.TOP_LEVEL_TARGETS, NOW.plusSeconds(99))
        .snapshotExpires(NOW.plusSeconds(99))
        .timestampExpires(NOW.plusSeconds(99));
    SignedRepository signed =
        editor.sign(
            List.of(
                repo.keys(RoleType.TARGETS).get(0),
                repo.keys(RoleType.SNAPSHOT).get(0),
                repo.keys(RoleType.TIMESTAMP).get(0)));
    assertEquals(
        List.of("targets"),
        signed.targetsRoles().stream().map(SignedRole::name).toList(),
        "only the changed role is re-signed; images needs no key");
    Snapshot snap = MetadataCodec.snapshot(signed.snapshot().bytes().toByteArray(), "s").signed();
    assertEquals(1, snap.findRole("images").orElseThrow().version());
    assertEquals(
        repo.sha256("1.images.json"), snap.findRole("images").orElseThrow().hashes().get("sha256"));
  }

  @Test
  void delegatedAndHashBinnedTargetsAreFoundByTheClient(@TempDir Path dir) throws Exception {
    SigningKey images = TestKeys.ed25519("images");
    SigningKey binKey = TestKeys.ed25519("bins");
    Path payload = dir.resolve("payload");
    Files.writeString(payload, "abc");
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    RepositoryEditor editor = repo.edit();
    editor.delegate(
        RepositoryEditor.TOP_LEVEL_TARGETS,
        DelegatedRole.withPaths("images", List.of(images.keyId()), 1, true, List.of("images/*")),
        Map.of(images.keyId(), images.publicKey()),
        NOW.plusSeconds(86400));
    editor.delegateHashBins(
        "images",
        new SuccinctRoles(List.of(binKey.keyId()), 1, 4, "bin"),
        Map.of(binKey.keyId(), binKey.publicKey()),
        NOW.plusSeconds(86400));
    TargetPath name = TargetPath.of("images/os.img");
    String bin = editor.binFor("images", name);
    editor.addTarget(
        bin,
        name,
        TargetHasher.describe(payload, java.util.Set.of(dev.keel.tuf.model.HashAlgorithm.SHA256)),
        payload);
    editor
        .expires(RepositoryEditor.TOP_LEVEL_TARGETS, NOW.plusSeconds(99))
        .snapshotExpires(NOW.plusSeconds(99))
        .timestampExpires(NOW.plusSeconds(99));
    List<dev.keel.tuf.crypto.Signer> all = new java.util.ArrayList<>(List.of(images, binKey));
    for (RoleType r : RoleType.values()) {
      all.addAll(repo.keys(r));
    }
    new RepositoryWriter(new AtomicFiles())
        .write(
            editor.sign(all),
            repo.metadataDir(),
            repo.targetsDir(),
            RepositoryWriter.TargetPlacement.COPY,
            RepositoryWriter.ExistingTarget.SKIP);
    assertEquals(16 + 2, editor.roleNames().size());
    Updater client = repo.client(dir.resolve("cache"), NOW);
    TargetInfo info = client.findTarget(name).orElseThrow();
    assertEquals(bin, info.role());
    try (var in = client.openTarget(info, repo.targetsUri())) {
      assertEquals("abc", new String(in.readAllBytes()));
    }
    assertTrue(client.findTarget(TargetPath.of("images/other.img")).isEmpty());
  }

  @Test
  void aRootRotationMustBeSignedByTheCurrentRoot(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    Root current = repo.root();
    SigningKey intruder = TestKeys.ed25519("intruder");
    Map<String, dev.keel.tuf.model.Key> keys = new java.util.LinkedHashMap<>(current.keys());
    keys.put(intruder.keyId(), intruder.publicKey());
    Map<String, dev.keel.tuf.model.RoleKeys> roles = new java.util.LinkedHashMap<>(current.roles());
    roles.put("root", new dev.keel.tuf.model.RoleKeys(List.of(intruder.keyId()), 1));
    Root next = new Root(current.specVersion(), true, 2, current.expires(), keys, roles, Map.of());
    byte[] selfSigned = dev.keel.tuf.crypto.Signatures.signedFile(next, List.of(intruder));
    Updater loader = repo.client(dir.resolve("cache"), NOW);
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () ->
                RepositoryEditor.load(loader.loadRepository(), java.util.Optional.of(selfSigned)));
    assertEquals("root", e.role());
    byte[] crossSigned =
        dev.keel.tuf.crypto.Signatures.signedFile(
            next, List.of(repo.keys(RoleType.ROOT).get(0), intruder));
    Updater again = repo.client(dir.resolve("cache2"), NOW);
    assertEquals(
        2,
        RepositoryEditor.load(again.loadRepository(), java.util.Optional.of(crossSigned))
            .root()
            .version());
  }

  @Test
  void signingBelowThresholdFails(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    RepositoryEditor editor = repo.edit();
    editor
        .addTarget(RepositoryEditor.TOP_LEVEL_TARGETS, TargetPath.of("t"), FILE)
        .expires(RepositoryEditor.TOP_LEVEL_TARGETS, NOW)
        .snapshotExpires(NOW)
        .timestampExpires(NOW);
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () -> editor.sign(List.of(repo.keys(RoleType.SNAPSHOT).get(0))));
    assertEquals("targets", e.role());
    assertEquals(0, e.verified());
  }

  @Test
  void aNewRoleNeedsAnExpiry(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    RepositoryEditor editor = RepositoryEditor.create(repo.trustedRoot());
    ExpiryNotSetException e =
        assertThrows(
            ExpiryNotSetException.class,
            () -> editor.sign(List.of(repo.keys(RoleType.TARGETS).get(0))));
    assertEquals("targets", e.role());
  }

  @Test
  void aVersionBelowTheCurrentOneIsRefusedAsAnEditNotAsMalformedMetadata(@TempDir Path dir)
      throws Exception {
    TestRepository repo =
        TestRepository.create(dir, NOW).addTarget("a.txt", "a".getBytes()); // snapshot 2
    RepositoryEditor editor = repo.edit().snapshotVersion(1);
    VersionNotIncreasedException e =
        assertThrows(
            VersionNotIncreasedException.class,
            () -> editor.sign(List.of(repo.keys(RoleType.SNAPSHOT).get(0))));
    assertEquals("snapshot", e.role());
    assertEquals(1, e.requested());
    assertEquals(2, e.current());
  }
}
