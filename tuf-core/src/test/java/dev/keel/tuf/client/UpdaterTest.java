package dev.keel.tuf.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.error.ClockRollbackException;
import dev.keel.tuf.error.DelegationLimitException;
import dev.keel.tuf.error.ExpiredMetadataException;
import dev.keel.tuf.error.InvalidTargetPathException;
import dev.keel.tuf.error.LengthLimitExceededException;
import dev.keel.tuf.error.LengthOrHashMismatchException;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.error.MissingTargetException;
import dev.keel.tuf.error.RepositoryException;
import dev.keel.tuf.error.RollbackException;
import dev.keel.tuf.error.SlowRetrievalException;
import dev.keel.tuf.error.UnsignedMetadataException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.DelegatedRole;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.SuccinctRoles;
import dev.keel.tuf.model.TargetFile;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.testkit.RepositoryServer;
import dev.keel.tuf.testkit.TestKeys;
import dev.keel.tuf.testkit.TestRepository;
import dev.keel.tuf.transport.FileTransport;
import dev.keel.tuf.transport.HttpSettings;
import dev.keel.tuf.transport.HttpTransport;
import dev.keel.tuf.transport.MinimumRate;
import dev.keel.tuf.transport.ProxySettings;
import dev.keel.tuf.trust.TrustedMetadataSet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client workflow end to end against repositories our editor wrote, each attack of the TUF
 * specification staged by changing and re-signing files on the "server" (a directory read through
 * {@link FileTransport}, or real HTTP on loopback).
 */
class UpdaterTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final SigningKey DELEGATE = TestKeys.ed25519("delegate");

  private static Updater updater(TestRepository repo, Path md, Instant at) {
    return updater(repo, md, at, Limits.defaults());
  }

  private static Updater updater(TestRepository repo, Path md, Instant at, Limits limits) {
    UpdaterConfig config =
        UpdaterConfig.of(repo.metadataUri(), md)
            .withLimits(limits)
            .withBootstrapRoot(Bytes.copyOf(repo.trustedRoot()));
    return new Updater(
        config, new FileTransport(), Clock.fixed(at, ZoneOffset.UTC), new AtomicFiles());
  }

  private static Limits maxDelegations(int n) {
    Limits d = Limits.defaults();
    return new Limits(
        d.maxRootRotations(),
        n,
        d.maxRootBytes(),
        d.maxTimestampBytes(),
        d.maxSnapshotBytes(),
        d.maxTargetsBytes());
  }

  private static Set<String> jsonFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Path servedTarget(TestRepository repo, String name) throws IOException {
    try (Stream<Path> files = Files.list(repo.targetsDir())) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("." + name))
          .findFirst()
          .orElseThrow();
    }
  }

  private static UnaryOperator<RepositoryEditor> delegation(
      String parent, String name, boolean terminating, String... paths) {
    return e ->
        e.delegate(
            parent,
            DelegatedRole.withPaths(
                name, List.of(DELEGATE.keyId()), 1, terminating, List.of(paths)),
            Map.of(DELEGATE.keyId(), DELEGATE.publicKey()),
            NOW.plus(Duration.ofDays(30)));
  }

  private static TargetFile someFile() {
    return new TargetFile(3, Map.of("sha256", "ab".repeat(32)));
  }

  @Test
  void refreshPersistsExactlyTheReceivedTopLevelAndDelegatedFiles(@TempDir Path dir)
      throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW).addTarget("a.txt", "aaa".getBytes());
    repo.publish(
        e ->
            delegation("targets", "images-base", false, "images/*")
                .apply(e)
                .addTarget("images-base", new TargetPath("images/x.img"), someFile()),
        List.of(DELEGATE));
    Path md = dir.resolve("md");
    Updater updater = updater(repo, md, NOW);
    updater.refresh();
    assertEquals(
        "images-base", updater.findTarget(TargetPath.of("images/x.img")).orElseThrow().role());
    assertEquals(
        Set.of("root.json", "timestamp.json", "snapshot.json", "targets.json", "images-base.json"),
        jsonFiles(md));
    assertArrayEquals(repo.bytes("1.root.json"), Files.readAllBytes(md.resolve("root.json")));
    assertArrayEquals(
        repo.bytes("timestamp.json"), Files.readAllBytes(md.resolve("timestamp.json")));
    assertArrayEquals(
        repo.bytes(repo.latest("snapshot")), Files.readAllBytes(md.resolve("snapshot.json")));
    assertArrayEquals(
        repo.bytes(repo.latest("targets")), Files.readAllBytes(md.resolve("targets.json")));
    assertArrayEquals(
        repo.bytes(repo.latest("images-base")), Files.readAllBytes(md.resolve("images-base.json")));
  }

  @Test
  void firstRefreshOverHttpAsksForExactlyTheWorkflowsFiles(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    try (RepositoryServer server = RepositoryServer.serve(dir.resolve("repo"))) {
      UpdaterConfig config =
          UpdaterConfig.of(server.url("metadata"), dir.resolve("md"))
              .withBootstrapRoot(Bytes.copyOf(repo.trustedRoot()));
      HttpTransport http = new HttpTransport(HttpSettings.defaults(), ProxySettings.none());
      new Updater(config, http, Clock.fixed(NOW, ZoneOffset.UTC), new AtomicFiles()).refresh();
      assertEquals(
          List.of(
              "metadata/2.root.json",
              "metadata/timestamp.json",
              "metadata/1.snapshot.json",
              "metadata/1.targets.json"),
          server.requests());
      server.clearRequests();
      new Updater(config, http, Clock.fixed(NOW, ZoneOffset.UTC), new AtomicFiles()).refresh();
      assertEquals(List.of("metadata/2.root.json", "metadata/timestamp.json"), server.requests());
    }
  }

  @Test
  void downloadsVerifiedAndSkipsAMatchingLocalCopy(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW).addTarget("dir/a.txt", "aaa".getBytes());
    Updater updater = updater(repo, dir.resolve("md"), NOW);
    TargetInfo info = updater.findTarget(TargetPath.of("dir/a.txt")).orElseThrow();
    Path out = dir.resolve("out/a.txt");
    assertTrue(updater.downloadTarget(info, repo.targetsUri(), out, new AtomicFiles()));
    assertEquals("aaa", Files.readString(out));
    assertFalse(updater.downloadTarget(info, repo.targetsUri(), out, new AtomicFiles()));
    assertTrue(updater.findTarget(TargetPath.of("missing.txt")).isEmpty());
  }

  @Test
  void aListedTargetMissingFromTheRepositoryIsAMissingTarget(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW).addTarget("a.txt", "aaa".getBytes());
    Files.delete(servedTarget(repo, "a.txt"));
    Updater updater = updater(repo, dir.resolve("md"), NOW);
    TargetInfo info = updater.findTarget(TargetPath.of("a.txt")).orElseThrow();
    MissingTargetException e =
        assertThrows(
            MissingTargetException.class, () -> updater.openTarget(info, repo.targetsUri()));
    assertEquals("a.txt", e.target());
    assertTrue(e.where().endsWith(".a.txt"), e.where());
  }

  @Test
  void arbitraryInstallationChangedTargetBytes(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW).addTarget("a.txt", "aaa".getBytes());
    Files.writeString(servedTarget(repo, "a.txt"), "evl");
    Updater updater = updater(repo, dir.resolve("md"), NOW);
    TargetInfo info = updater.findTarget(TargetPath.of("a.txt")).orElseThrow();
    Path out = dir.resolve("out/a.txt");
    LengthOrHashMismatchException e =
        assertThrows(
            LengthOrHashMismatchException.class,
            () -> updater.downloadTarget(info, repo.targetsUri(), out, new AtomicFiles()));
    assertEquals("a.txt", e.what());
    assertFalse(Files.exists(out));
  }

  @Test
  void arbitraryInstallationLocalCopyIsNotTrustedBlindly(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW).addTarget("a.txt", "aaa".getBytes());
    Updater updater = updater(repo, dir.resolve("md"), NOW);
    TargetInfo info = updater.findTarget(TargetPath.of("a.txt")).orElseThrow();
    Path out = dir.resolve("a.txt");
    Files.writeString(out, "bad");
    assertTrue(updater.downloadTarget(info, repo.targetsUri(), out, new AtomicFiles()));
    assertEquals("aaa", Files.readString(out));
  }

  @Test
  void endlessDataTargetLongerThanSigned(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW).addTarget("a.txt", "aaa".getBytes());
    Files.write(servedTarget(repo, "a.txt"), new byte[1 << 16]);
    Updater updater = updater(repo, dir.resolve("md"), NOW);
    TargetInfo info = updater.findTarget(TargetPath.of("a.txt")).orElseThrow();
    LengthLimitExceededException e =
        assertThrows(
            LengthLimitExceededException.class,
            () ->
                updater.downloadTarget(
                    info, repo.targetsUri(), dir.resolve("out"), new AtomicFiles()));
    assertEquals(3, e.limit());
  }

  @Test
  void endlessDataTimestampLargerThanTheLimit(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    Limits d = Limits.defaults();
    Limits small =
        new Limits(
            d.maxRootRotations(),
            d.maxDelegations(),
            d.maxRootBytes(),
            100,
            d.maxSnapshotBytes(),
            d.maxTargetsBytes());
    LengthLimitExceededException e =
        assertThrows(
            LengthLimitExceededException.class,
            () -> updater(repo, dir.resolve("md"), NOW, small).refresh());
    assertEquals(100, e.limit());
  }

  @Test
  void rollbackOfTimestampAcrossRuns(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    byte[] old = repo.bytes("timestamp.json");
    repo.addTarget("a.txt", "a".getBytes());
    Path md = dir.resolve("md");
    updater(repo, md, NOW).refresh();
    repo.put("timestamp.json", old);
    RollbackException e =
        assertThrows(RollbackException.class, () -> updater(repo, md, NOW).refresh());
    assertEquals("timestamp", e.role());
    assertEquals(2, e.trusted());
    assertEquals(1, e.received());
  }

  @Test
  void rollbackOfSnapshotAcrossRuns(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW).addTarget("a.txt", "a".getBytes());
    Path md = dir.resolve("md");
    updater(repo, md, NOW).refresh();
    // A compromised timestamp key points at the older snapshot version 1.
    repo.rewrite("timestamp.json", RoleType.TIMESTAMP, s -> s.put("version", 3), null);
    Files.delete(repo.metadataDir().resolve("2.snapshot.json"));
    repo.rehashTimestamp();
    RollbackException e =
        assertThrows(RollbackException.class, () -> updater(repo, md, NOW).refresh());
    assertEquals("snapshot", e.role());
    assertEquals(2, e.trusted());
    assertEquals(1, e.received());
  }

  @Test
  void mixAndMatchSnapshotNotTheOneTimestampSigned(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW).addTarget("a.txt", "a".getBytes());
    // A validly signed snapshot 2 that is not the file timestamp describes.
    repo.rewrite(
        "2.snapshot.json", RoleType.SNAPSHOT, s -> s.put("expires", "2026-12-01T00:00:00Z"), null);
    LengthOrHashMismatchException e =
        assertThrows(
            LengthOrHashMismatchException.class,
            () -> updater(repo, dir.resolve("md"), NOW).refresh());
    assertEquals("snapshot.json", e.what());
    assertFalse(Files.exists(dir.resolve("md/snapshot.json")));
  }

  @Test
  void rollbackOfTargetsAcrossRuns(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW).addTarget("a.txt", "a".getBytes());
    Path md = dir.resolve("md");
    updater(repo, md, NOW).refresh();
    // Compromised snapshot and timestamp keys publish a snapshot that brings back targets version
    // 1.
    repo.put("3.snapshot.json", repo.bytes("2.snapshot.json"));
    repo.rewrite(
        "3.snapshot.json",
        RoleType.SNAPSHOT,
        s -> {
          ((ObjectNode) s.get("meta").get("targets.json")).put("version", 1);
          return s.put("version", 3);
        },
        null);
    repo.rewrite("timestamp.json", RoleType.TIMESTAMP, s -> s.put("version", 3), null);
    repo.rehashTimestamp();
    RollbackException e =
        assertThrows(RollbackException.class, () -> updater(repo, md, NOW).refresh());
    assertEquals("targets.json", e.role());
    assertEquals(2, e.trusted());
    assertEquals(1, e.received());
  }

  @Test
  void freezeExpiredTimestamp(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    Path md = dir.resolve("md");
    updater(repo, md, NOW).refresh();
    Instant later = NOW.plus(Duration.ofDays(31));
    ExpiredMetadataException e =
        assertThrows(ExpiredMetadataException.class, () -> updater(repo, md, later).refresh());
    assertEquals("timestamp", e.role());
    assertEquals(later, e.referenceTime());
  }

  @Test
  void freezeExpiredRoot(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    ExpiredMetadataException e =
        assertThrows(
            ExpiredMetadataException.class,
            () -> updater(repo, dir.resolve("md"), NOW.plus(Duration.ofDays(366))).refresh());
    assertEquals("root", e.role());
  }

  @Test
  void freezeExpiredSnapshotAndTargets(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    repo.rewrite(
        "1.targets.json", RoleType.TARGETS, s -> s.put("expires", "2026-11-25T00:00:00Z"), null);
    repo.rehashChain();
    ExpiredMetadataException targets =
        assertThrows(
            ExpiredMetadataException.class,
            () -> updater(repo, dir.resolve("md1"), NOW.plus(Duration.ofDays(3))).refresh());
    assertEquals("targets", targets.role());
    repo.rewrite(
        "1.snapshot.json", RoleType.SNAPSHOT, s -> s.put("expires", "2026-11-24T00:00:00Z"), null);
    repo.rehashTimestamp();
    ExpiredMetadataException snapshot =
        assertThrows(
            ExpiredMetadataException.class,
            () -> updater(repo, dir.resolve("md2"), NOW.plus(Duration.ofDays(3))).refresh());
    assertEquals("snapshot", snapshot.role());
  }

  @Test
  void fastForwardRecoveryAfterTimestampKeyRotation(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    byte[] good = repo.bytes("timestamp.json");
    // The compromised timestamp key fast-forwards clients to version 1000.
    repo.rewrite("timestamp.json", RoleType.TIMESTAMP, s -> s.put("version", 1000), null);
    Path md = dir.resolve("md");
    updater(repo, md, NOW).refresh();
    assertEquals(1000, repo.versionOf("timestamp.json"));
    // Recovery: the good timestamp back, the timestamp key rotated, a new timestamp (version 2)
    // published.
    repo.put("timestamp.json", good);
    repo.rotateKey(RoleType.TIMESTAMP, TestKeys.ed25519("timestamp-2"));
    repo.rewrite("timestamp.json", RoleType.TIMESTAMP, s -> s, null);
    repo.addTarget("a.txt", "a".getBytes());
    assertEquals(2, repo.versionOf("timestamp.json"));
    Updater updater = updater(repo, md, NOW);
    updater.refresh();
    assertEquals(2, updater.trusted().timestamp().orElseThrow().signed().version());
    assertArrayEquals(
        repo.bytes("timestamp.json"), Files.readAllBytes(md.resolve("timestamp.json")));
    assertArrayEquals(repo.bytes("2.root.json"), Files.readAllBytes(md.resolve("root.json")));
  }

  @Test
  void fastForwardRecoveryAfterSnapshotKeyRotation(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    byte[] goodTimestamp = repo.bytes("timestamp.json");
    repo.put("1000.snapshot.json", repo.bytes("1.snapshot.json"));
    repo.rewrite("1000.snapshot.json", RoleType.SNAPSHOT, s -> s.put("version", 1000), null);
    repo.rewrite("timestamp.json", RoleType.TIMESTAMP, s -> s.put("version", 1000), null);
    repo.rehashTimestamp();
    Path md = dir.resolve("md");
    updater(repo, md, NOW).refresh();
    Files.delete(repo.metadataDir().resolve("1000.snapshot.json"));
    repo.put("timestamp.json", goodTimestamp);
    repo.rotateKey(RoleType.SNAPSHOT, TestKeys.ed25519("snapshot-2"));
    repo.rotateKey(RoleType.TIMESTAMP, TestKeys.ed25519("timestamp-2"));
    repo.rewrite("1.snapshot.json", RoleType.SNAPSHOT, s -> s, null);
    repo.rehashTimestamp();
    repo.addTarget("a.txt", "a".getBytes());
    Updater updater = updater(repo, md, NOW);
    updater.refresh();
    assertEquals(2, updater.trusted().snapshot().orElseThrow().signed().version());
    assertArrayEquals(
        repo.bytes("2.snapshot.json"), Files.readAllBytes(md.resolve("snapshot.json")));
  }

  @Test
  void rootRotationChainThroughTheUpdater(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    Path md = dir.resolve("md");
    updater(repo, md, NOW).refresh();
    repo.rotateKey(RoleType.ROOT, TestKeys.ed25519("root-2"))
        .rotateKey(RoleType.ROOT, TestKeys.ed25519("root-3"))
        .rotateKey(RoleType.ROOT, TestKeys.ed25519("root-4"));
    Updater updater = updater(repo, md, NOW);
    updater.refresh();
    assertEquals(4, updater.trusted().root().signed().version());
    assertArrayEquals(repo.bytes("4.root.json"), Files.readAllBytes(md.resolve("root.json")));
  }

  @Test
  void rootSignedOnlyByNewKeysStopsTheUpdate(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    SigningKey newRoot = TestKeys.ed25519("root-2");
    repo.rotateKey(RoleType.ROOT, newRoot);
    repo.rewrite("2.root.json", RoleType.ROOT, s -> s, List.of(newRoot));
    Path md = dir.resolve("md");
    UnsignedMetadataException e =
        assertThrows(UnsignedMetadataException.class, () -> updater(repo, md, NOW).refresh());
    assertEquals("root", e.role());
    assertArrayEquals(repo.bytes("1.root.json"), Files.readAllBytes(md.resolve("root.json")));
  }

  @Test
  void keyCompromiseBelowThreshold(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    SigningKey second = TestKeys.ed25519("targets-second");
    // Root version 2 wants 2 targets keys; only the first signs the targets.
    repo.rewrite("1.root.json", RoleType.ROOT, s -> s, null);
    repo.rotateKey(RoleType.TARGETS, repo.keys(RoleType.TARGETS).get(0));
    repo.rewrite(
        "2.root.json",
        RoleType.ROOT,
        s -> {
          ((ObjectNode) s.get("keys")).set(second.keyId(), second.publicKey().toJson());
          ObjectNode role = (ObjectNode) s.get("roles").get("targets");
          ((ArrayNode) role.get("keyids")).add(second.keyId());
          role.put("threshold", 2);
          return s;
        },
        null);
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> updater(repo, dir.resolve("md"), NOW).refresh());
    assertEquals("targets", e.role());
    assertEquals(2, e.threshold());
    assertEquals(1, e.verified());
  }

  @Test
  void snapshotCarryingADuplicatedSignatureIsMalformed(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    SigningKey snapshotKey = repo.keys(RoleType.SNAPSHOT).get(0);
    repo.rewrite(
        repo.latest("snapshot"), RoleType.SNAPSHOT, s -> s, List.of(snapshotKey, snapshotKey));
    repo.rehashTimestamp();
    MalformedMetadataException e =
        assertThrows(
            MalformedMetadataException.class,
            () -> updater(repo, dir.resolve("md"), NOW).refresh());
    assertEquals("signatures", e.field());
  }

  @Test
  void clockWentBackwardsBeyondTheTolerance(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    Path md = dir.resolve("md");
    updater(repo, md, NOW).refresh();
    Duration tolerance = UpdaterConfig.DEFAULT_CLOCK_ROLLBACK_TOLERANCE;
    Instant beyond = NOW.minus(tolerance).minusMillis(1);
    ClockRollbackException e =
        assertThrows(ClockRollbackException.class, () -> updater(repo, md, beyond).refresh());
    assertEquals(NOW, e.latestKnown());
    assertEquals(beyond, e.now());
    assertEquals(tolerance, e.tolerance());
    assertFalse(RepositoryException.class.isInstance(e), "a local clock fault, not a repository's");
    assertThrows(
        ClockRollbackException.class,
        () -> updater(repo, md, NOW.minus(Duration.ofDays(1))).refresh());
  }

  @Test
  void clockNoiseWithinTheToleranceIsNotRollbackAndNeverLowersTheLatestKnownTime(@TempDir Path dir)
      throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    Path md = dir.resolve("md");
    // A run at .700 s, the next one at the whole second before it (a tool faking whole-second
    // times).
    Instant first = NOW.plusMillis(700);
    updater(repo, md, first).refresh();
    TrustedMetadataSet trusted = updater(repo, md, NOW).refresh();
    assertEquals(
        first, trusted.referenceTime(), "the refresh runs at the latest known time, not earlier");
    // Exactly at the tolerance still passes; the recorded time stayed at the first run's, so a
    // chain of runs each a little earlier cannot walk the clock back.
    updater(repo, md, first.minus(UpdaterConfig.DEFAULT_CLOCK_ROLLBACK_TOLERANCE)).refresh();
    assertEquals(
        first.toString(), Files.readString(md.resolve(MetadataCache.LATEST_KNOWN_TIME)).trim());
    assertThrows(
        ClockRollbackException.class,
        () ->
            updater(
                    repo,
                    md,
                    first.minus(UpdaterConfig.DEFAULT_CLOCK_ROLLBACK_TOLERANCE).minusNanos(1))
                .refresh());
  }

  @Test
  void theClockRollbackToleranceIsConfigurable(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    Path md = dir.resolve("md");
    updater(repo, md, NOW).refresh();
    UpdaterConfig strict =
        UpdaterConfig.of(repo.metadataUri(), md)
            .withBootstrapRoot(Bytes.copyOf(repo.trustedRoot()))
            .withClockRollbackTolerance(Duration.ZERO);
    Clock aNanosecondEarlier = Clock.fixed(NOW.minusNanos(1), ZoneOffset.UTC);
    assertThrows(
        ClockRollbackException.class,
        () ->
            new Updater(strict, new FileTransport(), aNanosecondEarlier, new AtomicFiles())
                .refresh());
    UpdaterConfig lax = strict.withClockRollbackTolerance(Duration.ofDays(2));
    new Updater(
            lax,
            new FileTransport(),
            Clock.fixed(NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC),
            new AtomicFiles())
        .refresh();
    assertThrows(
        IllegalArgumentException.class,
        () -> strict.withClockRollbackTolerance(Duration.ofSeconds(-1)));
  }

  @Test
  void slowRetrievalThroughHttp(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    WireMockServer server =
        new WireMockServer(
            options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER));
    server.start();
    try {
      server.stubFor(get("/metadata/2.root.json").willReturn(aResponse().withStatus(404)));
      server.stubFor(
          get("/metadata/timestamp.json")
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withBody(repo.bytes("timestamp.json"))
                      .withChunkedDribbleDelay(40, 4_000)));
      HttpTransport slowAware =
          new HttpTransport(
              HttpSettings.defaults()
                  .withTries(1)
                  .withMinimumRate(
                      new MinimumRate(50_000, Duration.ofMillis(200), Duration.ofMillis(100))),
              ProxySettings.none());
      UpdaterConfig config =
          UpdaterConfig.of(URI.create(server.baseUrl() + "/metadata/"), dir.resolve("md"))
              .withBootstrapRoot(Bytes.copyOf(repo.trustedRoot()));
      Updater updater =
          new Updater(config, slowAware, Clock.fixed(NOW, ZoneOffset.UTC), new AtomicFiles());
      SlowRetrievalException e = assertThrows(SlowRetrievalException.class, updater::refresh);
      assertTrue(e.bytesPerSecond() < 50_000);
      assertTrue(e.url().endsWith("/metadata/timestamp.json"), e.url());
    } finally {
      server.stop();
    }
  }

  @Test
  void aRoleReachedThroughASecondDelegatorIsVerifiedAgainstThatDelegator(@TempDir Path dir)
      throws Exception {
    SigningKey p1 = TestKeys.ed25519("p1");
    SigningKey p2 = TestKeys.ed25519("p2");
    SigningKey stranger = TestKeys.ed25519("stranger");
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    // targets -> p1 -> r (a/*, r's key DELEGATE), targets -> p2 -> r2 (b/*); r lists a/x and b/y.
    repo.publish(
        e ->
            e.delegate(
                    "targets",
                    DelegatedRole.withPaths(
                        "p1", List.of(p1.keyId()), 1, false, List.of("a/*", "b/*")),
                    Map.of(p1.keyId(), p1.publicKey()),
                    NOW.plus(Duration.ofDays(30)))
                .delegate(
                    "targets",
                    DelegatedRole.withPaths(
                        "p2", List.of(p2.keyId()), 1, false, List.of("a/*", "b/*")),
                    Map.of(p2.keyId(), p2.publicKey()),
                    NOW.plus(Duration.ofDays(30)))
                .delegate(
                    "p1",
                    DelegatedRole.withPaths(
                        "r", List.of(DELEGATE.keyId()), 1, false, List.of("a/*")),
                    Map.of(DELEGATE.keyId(), DELEGATE.publicKey()),
                    NOW.plus(Duration.ofDays(30)))
                .delegate(
                    "p2",
                    DelegatedRole.withPaths(
                        "r2", List.of(stranger.keyId()), 1, false, List.of("b/*")),
                    Map.of(stranger.keyId(), stranger.publicKey()),
                    NOW.plus(Duration.ofDays(30)))
                .addTarget("r", new TargetPath("a/x"), someFile())
                .addTarget("r", new TargetPath("b/y"), someFile()),
        List.of(p1, p2, DELEGATE, stranger));
    // p2 now delegates b/* to r itself, but with a key that never signed r.
    repo.rewrite(
        repo.latest("p2"),
        RoleType.TARGETS,
        s -> {
          ((ObjectNode) s.get("delegations").get("roles").get(0)).put("name", "r");
          return s;
        },
        List.of(p2));
    repo.rehashChain();

    Updater updater = updater(repo, dir.resolve("md"), NOW);
    assertEquals(
        "r",
        updater.findTarget(TargetPath.of("a/x")).orElseThrow().role(),
        "through p1, r's own key");
    // b/y: p1 does not delegate b/* to r, p2 does, but p2's keys for r did not sign the r loaded
    // through p1.
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class, () -> updater.findTarget(TargetPath.of("b/y")));
    assertEquals("r", e.role());
    assertEquals(0, e.verified());
  }

  @Test
  void aDelegatedRoleNamedLikeAPathIsReadFromItsEncodedFileOverFileUrls(@TempDir Path dir)
      throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    repo.publish(
        e ->
            delegation("targets", "../../x", false, "*")
                .apply(e)
                .addTarget("../../x", new TargetPath("t.txt"), someFile()),
        List.of(DELEGATE));
    assertTrue(
        Files.exists(repo.metadataDir().resolve("1...%2F..%2Fx.json")),
        "written under its encoded name");
    assertEquals(
        "../../x",
        updater(repo, dir.resolve("md"), NOW)
            .findTarget(TargetPath.of("t.txt"))
            .orElseThrow()
            .role());
  }

  @Test
  void delegationLimit(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    repo.publish(
        e ->
            delegation("a", "b", false, "*")
                .apply(delegation("targets", "a", false, "*").apply(e))
                .addTarget("b", new TargetPath("deep.txt"), someFile()),
        List.of(DELEGATE));
    assertEquals(
        "b",
        updater(repo, dir.resolve("md1"), NOW)
            .findTarget(TargetPath.of("deep.txt"))
            .orElseThrow()
            .role());
    DelegationLimitException e =
        assertThrows(
            DelegationLimitException.class,
            () ->
                updater(repo, dir.resolve("md2"), NOW, maxDelegations(2))
                    .findTarget(TargetPath.of("deep.txt")));
    assertEquals(2, e.limit());
  }

  @Test
  void terminatingDelegationStopsTheSearch(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    // targets -> x (non-terminating) -> y (terminating); then targets -> z, which lists t.txt.
    repo.publish(
        e ->
            delegation("x", "y", true, "*")
                .apply(
                    delegation("targets", "z", false, "*")
                        .apply(delegation("targets", "x", false, "*").apply(e)))
                .addTarget("z", new TargetPath("t.txt"), someFile()),
        List.of(DELEGATE));
    assertEquals(
        Optional.empty(), updater(repo, dir.resolve("md"), NOW).findTarget(TargetPath.of("t.txt")));
  }

  @Test
  void nonTerminatingDelegationContinuesTheSearch(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    repo.publish(
        e ->
            delegation("x", "y", false, "*")
                .apply(
                    delegation("targets", "z", false, "*")
                        .apply(delegation("targets", "x", false, "*").apply(e)))
                .addTarget("z", new TargetPath("t.txt"), someFile()),
        List.of(DELEGATE));
    assertEquals(
        "z",
        updater(repo, dir.resolve("md"), NOW)
            .findTarget(TargetPath.of("t.txt"))
            .orElseThrow()
            .role());
  }

  @Test
  void terminatingSiblingHidesLaterSiblings(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    repo.publish(
        e ->
            delegation("targets", "b", false, "*")
                .apply(delegation("targets", "a", true, "*").apply(e))
                .addTarget("b", new TargetPath("t.txt"), someFile()),
        List.of(DELEGATE));
    assertEquals(
        Optional.empty(), updater(repo, dir.resolve("md"), NOW).findTarget(TargetPath.of("t.txt")));
  }

  @Test
  void pathPatternsLimitWhatADelegatedRoleMayList(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    repo.publish(
        e ->
            delegation("targets", "images", false, "images/*.img")
                .apply(e)
                .addTarget("images", new TargetPath("images/a.img"), someFile())
                .addTarget("images", new TargetPath("other/b.img"), someFile())
                .addTarget("images", new TargetPath("images/c.txt"), someFile()),
        List.of(DELEGATE));
    Updater updater = updater(repo, dir.resolve("md"), NOW);
    assertEquals("images", updater.findTarget(TargetPath.of("images/a.img")).orElseThrow().role());
    assertEquals(Optional.empty(), updater.findTarget(TargetPath.of("other/b.img")));
    assertEquals(Optional.empty(), updater.findTarget(TargetPath.of("images/c.txt")));
  }

  @Test
  void hashBinsLoadOnlyTheBinTheTargetMapsTo(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    TargetPath wanted = new TargetPath("packages/wanted.rpm");
    String[] bin = new String[1];
    repo.publish(
        e -> {
          e.delegateHashBins(
              "targets",
              new SuccinctRoles(List.of(DELEGATE.keyId()), 1, 4, "bin"),
              Map.of(DELEGATE.keyId(), DELEGATE.publicKey()),
              NOW.plus(Duration.ofDays(30)));
          bin[0] = e.binFor("targets", wanted);
          return e.addTarget(bin[0], wanted, someFile());
        },
        List.of(DELEGATE));
    Path md = dir.resolve("md");
    Updater updater = updater(repo, md, NOW);
    assertEquals(bin[0], updater.findTarget(wanted).orElseThrow().role());
    assertEquals(
        Set.of("root.json", "timestamp.json", "snapshot.json", "targets.json", bin[0] + ".json"),
        jsonFiles(md));
  }

  @Test
  void namesThatResolveToNothingAreRefusedBeforeAnyLookup() {
    for (String bad : List.of("..", "a/..", "/", "", "a\\b")) {
      InvalidTargetPathException e =
          assertThrows(InvalidTargetPathException.class, () -> TargetPath.of(bad));
      assertEquals(bad, e.path());
    }
  }

  @Test
  void aTargetNamedWithDotSegmentsIsFoundByItsRawNameAndStoredByItsResolvedOne(@TempDir Path dir)
      throws Exception {
    // As the original's repositories list it: the raw name in metadata, the file under the resolved
    // name.
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW)
            .addTarget("foo/../bar/data1.txt", "one".getBytes());
    Updater updater = updater(repo, dir.resolve("md"), NOW);
    TargetInfo info = updater.findTarget(TargetPath.of("foo/../bar/data1.txt")).orElseThrow();
    assertEquals("foo/../bar/data1.txt", info.path().raw());
    assertEquals(
        Optional.empty(),
        updater.findTarget(TargetPath.of("bar/data1.txt")),
        "looked up by the raw name");
    try (Stream<Path> served = Files.walk(repo.targetsDir())) {
      assertEquals(
          List.of("bar/" + HashAlgorithm.SHA256.hex("one".getBytes()) + ".data1.txt"),
          served
              .filter(Files::isRegularFile)
              .map(p -> repo.targetsDir().relativize(p).toString())
              .toList());
    }
    Path out = dir.resolve("out");
    assertTrue(
        updater.downloadTarget(info, repo.targetsUri(), info.path().under(out), new AtomicFiles()));
    assertEquals("one", Files.readString(out.resolve("bar/data1.txt")));
  }
}
