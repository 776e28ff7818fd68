package dev.keel.tuf.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.error.ExpiredMetadataException;
import dev.keel.tuf.error.LengthOrHashMismatchException;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.error.RollbackException;
import dev.keel.tuf.error.UnsignedMetadataException;
import dev.keel.tuf.error.VersionMismatchException;
import dev.keel.tuf.model.DelegatedRole;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.testkit.TestKeys;
import dev.keel.tuf.testkit.TestRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure core against every metadata attack of the TUF specification: bytes from a repository our
 * editor wrote, changed and re-signed in the test, and one reference time. No I/O in the code under
 * test.
 */
class TrustedMetadataSetTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static TrustedMetadataSet loadAll(TestRepository repo, Instant at) throws Exception {
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), at, ExpirationPolicy.ENFORCE);
    set.updateTimestamp(repo.bytes("timestamp.json"));
    set.updateSnapshot(repo.bytes(repo.latest("snapshot")), false);
    set.updateTargets(repo.bytes(repo.latest("targets")));
    return set;
  }

  @Test
  void acceptsAnUntouchedRepository(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW).addTarget("a.txt", "a".getBytes());
    TrustedMetadataSet set = loadAll(repo, NOW);
    assertEquals(2, set.timestamp().orElseThrow().signed().version());
    assertTrue(set.targets("targets").orElseThrow().signed().findTarget("a.txt").isPresent());
  }

  @Test
  void rootRotationChainTwoThreeFour(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    repo.rotateKey(RoleType.ROOT, TestKeys.ed25519("root-2"))
        .rotateKey(RoleType.ROOT, TestKeys.ed25519("root-3"))
        .rotateKey(RoleType.ROOT, TestKeys.ed25519("root-4"));
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), NOW, ExpirationPolicy.ENFORCE);
    for (int v = 2; v <= 4; v++) {
      assertEquals(v, set.updateRoot(repo.bytes(v + ".root.json")).signed().version());
    }
    set.updateTimestamp(repo.bytes("timestamp.json"));
    assertEquals(4, set.root().signed().version());
  }

  @Test
  void rootSignedOnlyByTheNewKeysIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    SigningKey newRoot = TestKeys.ed25519("root-2");
    repo.rotateKey(RoleType.ROOT, newRoot);
    repo.rewrite("2.root.json", RoleType.ROOT, s -> s, List.of(newRoot));
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), NOW, ExpirationPolicy.ENFORCE);
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> set.updateRoot(repo.bytes("2.root.json")));
    assertEquals("root", e.role());
    assertEquals(0, e.verified());
    assertEquals(1, set.root().signed().version());
  }

  @Test
  void rootSignedOnlyByTheOldKeysIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    SigningKey oldRoot = repo.keys(RoleType.ROOT).get(0);
    repo.rotateKey(RoleType.ROOT, TestKeys.ed25519("root-2"));
    repo.rewrite("2.root.json", RoleType.ROOT, s -> s, List.of(oldRoot));
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), NOW, ExpirationPolicy.ENFORCE);
    assertThrows(UnsignedMetadataException.class, () -> set.updateRoot(repo.bytes("2.root.json")));
  }

  @Test
  void rootVersionMustBeTheNextOne(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    repo.rotateKey(RoleType.TIMESTAMP, TestKeys.ed25519("timestamp-2"));
    repo.rewrite("2.root.json", RoleType.ROOT, s -> s.put("version", 3), null);
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), NOW, ExpirationPolicy.ENFORCE);
    VersionMismatchException e =
        assertThrows(
            VersionMismatchException.class, () -> set.updateRoot(repo.bytes("2.root.json")));
    assertEquals(2, e.expected());
    assertEquals(3, e.actual());
    // A root offering its own version again is a rollback.
    RollbackException r =
        assertThrows(RollbackException.class, () -> set.updateRoot(repo.bytes("1.root.json")));
    assertEquals(1, r.trusted());
  }

  @Test
  void expiredRootFreezesEverything(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    Instant late = repo.root().expires().plusSeconds(1);
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), late, ExpirationPolicy.ENFORCE);
    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class,
            () -> set.updateTimestamp(repo.bytes("timestamp.json")));
    assertEquals("root", e.role());
    assertEquals(late, e.referenceTime());
  }

  @Test
  void expiredTimestampIsRejectedButStillGuardsAgainstRollback(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    Instant late = NOW.plus(Duration.ofDays(31));
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), late, ExpirationPolicy.ENFORCE);
    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class,
            () -> set.updateTimestamp(repo.bytes("timestamp.json")));
    assertEquals("timestamp", e.role());
    assertThrows(
        ExpiredMetadataException.class,
        () -> set.updateSnapshot(repo.bytes("1.snapshot.json"), false));
  }

  @Test
  void expiredSnapshotIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    repo.rewrite(
        "1.snapshot.json", RoleType.SNAPSHOT, s -> s.put("expires", "2026-11-24T00:00:00Z"), null);
    repo.rehashChain();
    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class, () -> loadAll(repo, NOW.plus(Duration.ofDays(2))));
    assertEquals("snapshot", e.role());
  }

  @Test
  void expiredTargetsIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    repo.rewrite(
        "1.targets.json", RoleType.TARGETS, s -> s.put("expires", "2026-11-24T00:00:00Z"), null);
    repo.rehashChain();
    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class, () -> loadAll(repo, NOW.plus(Duration.ofDays(2))));
    assertEquals("targets", e.role());
  }

  @Test
  void expiryIsIgnoredOnlyWhenAskedTo(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    Instant late = NOW.plus(Duration.ofDays(400));
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), late, ExpirationPolicy.IGNORE);
    set.updateTimestamp(repo.bytes("timestamp.json"));
    set.updateSnapshot(repo.bytes("1.snapshot.json"), false);
    assertEquals(1, set.updateTargets(repo.bytes("1.targets.json")).signed().version());
  }

  @Test
  void timestampRollbackIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    byte[] old = repo.bytes("timestamp.json");
    repo.addTarget("a.txt", "a".getBytes());
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), NOW, ExpirationPolicy.ENFORCE);
    set.updateTimestamp(repo.bytes("timestamp.json"));
    RollbackException e = assertThrows(RollbackException.class, () -> set.updateTimestamp(old));
    assertEquals("timestamp", e.role());
    assertEquals(2, e.trusted());
    assertEquals(1, e.received());
  }

  @Test
  void timestampNamingAnOlderSnapshotIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW).addTarget("a.txt", "a".getBytes());
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), NOW, ExpirationPolicy.ENFORCE);
    set.updateTimestamp(repo.bytes("timestamp.json"));
    repo.rewrite(
        "timestamp.json",
        RoleType.TIMESTAMP,
        s -> {
          s.put("version", 9);
          ((ObjectNode) s.get("meta").get("snapshot.json")).put("version", 1);
          return s;
        },
        null);
    RollbackException e =
        assertThrows(
            RollbackException.class, () -> set.updateTimestamp(repo.bytes("timestamp.json")));
    assertEquals("snapshot", e.role());
    assertEquals(2, e.trusted());
    assertEquals(1, e.received());
  }

  @Test
  void snapshotDroppingOrRollingBackTargetsIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW).addTarget("a.txt", "a".getBytes());
    byte[] trustedSnapshot = repo.bytes("2.snapshot.json");
    repo.rewrite(
        "2.snapshot.json",
        RoleType.SNAPSHOT,
        s -> {
          ((ObjectNode) s.get("meta").get("targets.json")).put("version", 1);
          return s;
        },
        null);
    repo.rehashTimestamp();
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), NOW, ExpirationPolicy.ENFORCE);
    set.updateTimestamp(repo.bytes("timestamp.json"));
    set.updateSnapshot(trustedSnapshot, true);
    RollbackException e =
        assertThrows(
            RollbackException.class,
            () -> set.updateSnapshot(repo.bytes("2.snapshot.json"), false));
    assertEquals("targets.json", e.role());
    assertEquals(2, e.trusted());
    assertEquals(1, e.received());
  }

  @Test
  void snapshotNotMatchingTimestampIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    // Mix and match: the snapshot timestamp's hash points at, with another version inside.
    repo.rewrite("1.snapshot.json", RoleType.SNAPSHOT, s -> s.put("version", 7), null);
    repo.rehashTimestamp();
    repo.rewrite(
        "timestamp.json",
        RoleType.TIMESTAMP,
        s -> {
          ((ObjectNode) s.get("meta").get("snapshot.json")).put("version", 1);
          return s;
        },
        null);
    VersionMismatchException e =
        assertThrows(VersionMismatchException.class, () -> loadAll(repo, NOW));
    assertEquals("snapshot", e.role());
    assertEquals(1, e.expected());
    assertEquals(7, e.actual());
  }

  @Test
  void snapshotWithAnotherHashIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    repo.rewrite(
        "1.snapshot.json", RoleType.SNAPSHOT, s -> s.put("expires", "2027-01-01T00:00:00Z"), null);
    LengthOrHashMismatchException e =
        assertThrows(LengthOrHashMismatchException.class, () -> loadAll(repo, NOW));
    assertEquals("snapshot.json", e.what());
  }

  @Test
  void snapshotLongerThanSignedIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    byte[] snap = repo.bytes("1.snapshot.json");
    byte[] longer = java.util.Arrays.copyOf(snap, snap.length + 1024);
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), NOW, ExpirationPolicy.ENFORCE);
    set.updateTimestamp(repo.bytes("timestamp.json"));
    assertThrows(LengthOrHashMismatchException.class, () -> set.updateSnapshot(longer, false));
  }

  @Test
  void targetsNotMatchingSnapshotIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    repo.rewrite("1.targets.json", RoleType.TARGETS, s -> s.put("version", 5), null);
    repo.rehashChain();
    // rehashChain copies the file's version 5 into snapshot; put snapshot's claim back to 1.
    repo.rewrite(
        "1.snapshot.json",
        RoleType.SNAPSHOT,
        s -> {
          ((ObjectNode) s.get("meta").get("targets.json")).put("version", 1);
          return s;
        },
        null);
    repo.rehashTimestamp();
    VersionMismatchException e =
        assertThrows(VersionMismatchException.class, () -> loadAll(repo, NOW));
    assertEquals("targets", e.role());
    assertEquals(1, e.expected());
    assertEquals(5, e.actual());
  }

  @Test
  void targetsWithAnotherHashIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    repo.rewrite(
        "1.targets.json", RoleType.TARGETS, s -> s.put("expires", "2027-01-01T00:00:00Z"), null);
    LengthOrHashMismatchException e =
        assertThrows(LengthOrHashMismatchException.class, () -> loadAll(repo, NOW));
    assertEquals("targets.json", e.what());
  }

  @Test
  void keyCompromiseBelowThresholdIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    SigningKey ts1 = repo.keys(RoleType.TIMESTAMP).get(0);
    SigningKey ts2 = TestKeys.ed25519("timestamp-second");
    // A trusted root that wants 2 of 2 timestamp keys.
    repo.rewrite(
        "1.root.json",
        RoleType.ROOT,
        s -> {
          ((ObjectNode) s.get("keys")).set(ts2.keyId(), ts2.publicKey().toJson());
          ObjectNode role = (ObjectNode) s.get("roles").get("timestamp");
          ((ArrayNode) role.get("keyids")).add(ts2.keyId());
          role.put("threshold", 2);
          return s;
        },
        null);
    byte[] root = repo.bytes("1.root.json");
    // One compromised key signs; signing twice to count double makes the file malformed.
    TrustedMetadataSet set = new TrustedMetadataSet(root, NOW, ExpirationPolicy.ENFORCE);
    repo.rewrite("timestamp.json", RoleType.TIMESTAMP, s -> s, List.of(ts1, ts1));
    assertThrows(
        MalformedMetadataException.class, () -> set.updateTimestamp(repo.bytes("timestamp.json")));
    repo.rewrite("timestamp.json", RoleType.TIMESTAMP, s -> s, List.of(ts1));
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () -> set.updateTimestamp(repo.bytes("timestamp.json")));
    assertEquals("timestamp", e.role());
    assertEquals(2, e.threshold());
    assertEquals(1, e.verified());
    repo.rewrite("timestamp.json", RoleType.TIMESTAMP, s -> s, List.of(ts1, ts2));
    assertEquals(1, set.updateTimestamp(repo.bytes("timestamp.json")).signed().version());
  }

  @Test
  void metadataSignedByTheWrongRoleIsRejected(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    repo.rewrite("timestamp.json", RoleType.TIMESTAMP, s -> s, repo.keys(RoleType.SNAPSHOT));
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), NOW, ExpirationPolicy.ENFORCE);
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () -> set.updateTimestamp(repo.bytes("timestamp.json")));
    assertEquals("timestamp", e.role());
  }

  @Test
  void delegatedRoleMustBeSignedByItsDelegatedKeys(@TempDir Path dir) throws Exception {
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
    String file = repo.latest("images");
    repo.rewrite(file, RoleType.TARGETS, s -> s, repo.keys(RoleType.TARGETS));
    repo.rehashChain();
    TrustedMetadataSet set = loadAll(repo, NOW);
    // "images" does not delegate to itself: naming it as the delegator is the caller's bug.
    assertThrows(
        IllegalArgumentException.class,
        () -> set.updateDelegatedTargets(repo.bytes(file), "images", "images"));
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () -> set.updateDelegatedTargets(repo.bytes(file), "images", "targets"));
    assertEquals("images", e.role());
    repo.rewrite(file, RoleType.TARGETS, s -> s, List.of(images));
    repo.rehashChain();
    TrustedMetadataSet again = loadAll(repo, NOW);
    assertTrue(
        again
            .updateDelegatedTargets(repo.bytes(file), "images", "targets")
            .signed()
            .targets()
            .isEmpty());
  }

  @Test
  void loadingOutOfOrderIsTheCallersBug(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    repo.rotateKey(RoleType.TIMESTAMP, TestKeys.ed25519("timestamp-2"));
    TrustedMetadataSet set =
        new TrustedMetadataSet(repo.trustedRoot(), NOW, ExpirationPolicy.ENFORCE);
    assertThrows(
        IllegalStateException.class,
        () -> set.updateSnapshot(repo.bytes("1.snapshot.json"), false));
    assertThrows(
        IllegalStateException.class, () -> set.updateTargets(repo.bytes("1.targets.json")));
    set.updateRoot(repo.bytes("2.root.json"));
    // Timestamp is still signed by the old key: rotated away, so it no longer verifies.
    assertThrows(
        UnsignedMetadataException.class, () -> set.updateTimestamp(repo.bytes("timestamp.json")));
    repo.rewrite("timestamp.json", RoleType.TIMESTAMP, s -> s, null);
    set.updateTimestamp(repo.bytes("timestamp.json"));
    assertThrows(IllegalStateException.class, () -> set.updateRoot(repo.bytes("2.root.json")));
  }
}
