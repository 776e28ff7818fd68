package dev.keel.reposerver.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.manifest.Manifest;
import dev.keel.manifest.MigrationKey;
import dev.keel.manifest.SemVer;
import dev.keel.reposerver.TestData;
import dev.keel.reposerver.store.AdminRequiredException;
import dev.keel.reposerver.store.ConflictException;
import dev.keel.reposerver.store.InvalidReleaseException;
import dev.keel.reposerver.store.InvalidReleaseException.Problem;
import dev.keel.reposerver.store.InvalidRequestException;
import dev.keel.reposerver.store.RepositoryStateException;
import dev.keel.reposerver.store.Upload;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.repo.RepositoryWriter;
import dev.keel.tuf.repo.TargetHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a publish may and may not do (issue 13, items 1, 3 and 4): every refused request leaves
 * every file of the repository as it was, and the repository keeps working afterwards.
 */
class ReleaseRulesTest {
  @TempDir Path dir;
  TestData data;

  @BeforeEach
  void setUp() throws Exception {
    data = new TestData(dir);
  }

  private PublishRequest release(String version) throws Exception {
    return PublisherTestAccess.release(data, version);
  }

  private NamedUpload named(String name, String content) throws Exception {
    return new NamedUpload(TargetPath.of(name), data.upload(content).sha256());
  }

  /** A release of {@code version} with the given images, extras and migrations. */
  private PublishRequest custom(
      String version,
      NamedUpload boot,
      NamedUpload root,
      NamedUpload hash,
      List<NamedUpload> extra,
      Optional<SemVer> max,
      Optional<Map<MigrationKey, List<String>>> migrations)
      throws Exception {
    return new PublishRequest(
        TestData.REPO,
        SemVer.parse(version),
        max,
        boot,
        root,
        hash,
        extra,
        PublishRequest.namedWaves("default"),
        Optional.of(TestData.T0),
        migrations);
  }

  private PublishRequest withImages(String version, String boot, String root, String hash)
      throws Exception {
    return custom(
        version,
        named(boot, "b" + version),
        named(root, "r" + version),
        named(hash, "h" + version),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  // ---- item 1: times on the way in --------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"9999-12-31T00:00:00Z", "-0001-01-01T00:00:00Z"})
  void aReleaseStartTheManifestCannotHoldIsRefusedAndTheRepositoryKeepsWorking(String start)
      throws Exception {
    data.publisher.publish(release("1.0.0"), Permission.ADMIN);
    Map<String, byte[]> before = files();
    PublishRequest r = release("1.1.0");
    PublishRequest far =
        new PublishRequest(
            r.repository(),
            r.version(),
            r.maxVersion(),
            r.boot(),
            r.root(),
            r.hash(),
            r.extraTargets(),
            r.waves(),
            Optional.of(Instant.parse(start)),
            r.migrations());
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class, () -> data.publisher.publish(far, Permission.ADMIN));
    assertTrue(e.getMessage().contains("outside the times manifest.json can hold"), e.getMessage());
    assertUnchanged(before);
    data.publisher.publish(release("1.2.0"), Permission.ADMIN);
    data.publisher.validate(TestData.REPO, false);
  }

  @Test
  void aHugeWaveOffsetIsRefused() throws Exception {
    PublishRequest r = release("1.0.0");
    PublishRequest huge =
        new PublishRequest(
            r.repository(),
            r.version(),
            r.maxVersion(),
            r.boot(),
            r.root(),
            r.hash(),
            r.extraTargets(),
            PublishRequest.wavesFromToml(
                "[[waves]]\nstart_after = '4294967295 weeks'\nfleet_percentage = 100\n", "request"),
            r.releaseStart(),
            r.migrations());
    assertThrows(
        InvalidRequestException.class, () -> data.publisher.publish(huge, Permission.ADMIN));
    assertTrue(!data.store.exists(TestData.REPO));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "0000-01-01T00:00:00+01:00"})
  void timesOutsideTheWireRangeAreRefusedWhenParsed(String text) {
    assertThrows(
        InvalidRequestException.class, () -> PublishRequest.parseTime(text, "release_start_time"));
  }

  @Test
  void validateReadsManifestJson() throws Exception {
    data.publisher.publish(release("1.0.0"), Permission.ADMIN);
    data.publisher.validate(TestData.REPO, false);
    // A correctly signed manifest.json the reader refuses, as the old writer signed them.
    signManifest(
        "{\"updates\": [{\"variant\": \"aws-k8s-1.29\", \"arch\": \"x86_64\", \"version\": \"1.0.0\","
            + " \"max_version\": \"1.0.0\", \"waves\": {\"0\": \"+10000-01-01T00:00:00Z\"},"
            + " \"images\": {\"boot\": \"b\", \"root\": \"r\", \"hash\": \"h\"}}], \"migrations\": {}}");
    RepositoryStateException e =
        assertThrows(
            RepositoryStateException.class, () -> data.publisher.validate(TestData.REPO, false));
    assertTrue(
        e.getMessage().contains("manifest.json") && e.getMessage().contains("+10000"),
        e.getMessage());
  }

  /**
   * Lists {@code json} as manifest.json and signs the repository, bypassing the publisher's checks.
   */
  private void signManifest(String json) throws Exception {
    Path file = dir.resolve("forged-manifest.json");
    Files.writeString(file, json);
    Path cache = Files.createTempDirectory(dir, "client");
    var updater =
        TestData.client(
            cache,
            data.store.metadataDir(TestData.REPO).toUri(),
            data.store.trustedRoot(),
            new dev.keel.tuf.transport.FileTransport(),
            data.clock);
    RepositoryEditor editor = RepositoryEditor.load(updater.loadRepository(), Optional.empty());
    long v = data.clock.instant().getEpochSecond() + 100;
    editor
        .addTarget(
            RepositoryEditor.TOP_LEVEL_TARGETS,
            new TargetPath("manifest.json"),
            TargetHasher.describe(file, Set.of(HashAlgorithm.SHA256)),
            file)
        .version(RepositoryEditor.TOP_LEVEL_TARGETS, v)
        .expires(RepositoryEditor.TOP_LEVEL_TARGETS, TestData.T0.plus(Duration.ofDays(14)))
        .snapshotVersion(v)
        .snapshotExpires(TestData.T0.plus(Duration.ofDays(14)))
        .timestampVersion(v)
        .timestampExpires(TestData.T0.plus(Duration.ofDays(7)));
    new RepositoryWriter(data.store.sink())
        .write(
            editor.sign(data.keys.signers()),
            data.store.metadataDir(TestData.REPO),
            data.store.targetsDir(),
            RepositoryWriter.TargetPlacement.COPY,
            RepositoryWriter.ExistingTarget.SKIP);
  }

  // ---- item 3: released bytes and versions are immutable --------------------------------------

  @Test
  void anExistingVersionIsRefused() throws Exception {
    data.publisher.publish(release("1.0.0"), Permission.PUBLISH);
    Map<String, byte[]> before = files();
    PublishRequest again = withImages("1.0.0", "other-boot", "other-root", "other-hash");
    assertThrows(ConflictException.class, () -> data.publisher.publish(again, Permission.PUBLISH));
    // Same precedence (build metadata differs): still the same release to a host.
    PublishRequest build = withImages("1.0.0+rebuild", "b2", "r2", "h2");
    assertThrows(ConflictException.class, () -> data.publisher.publish(build, Permission.ADMIN));
    assertUnchanged(before);
    assertEquals(1, data.manifest(TestData.REPO).updates().size());
  }

  @Test
  void aListedTargetNameNeverGetsOtherBytes() throws Exception {
    data.publisher.publish(
        withImages("1.0.0", "boot.lz4", "root.lz4", "hash.lz4"), Permission.PUBLISH);
    Map<String, byte[]> before = files();
    // 1.1.0 reuses 1.0.0's root image name with other bytes.
    PublishRequest reuse =
        custom(
            "1.1.0",
            named("boot-1.1.lz4", "b"),
            named("root.lz4", "other root bytes"),
            named("hash-1.1.lz4", "h"),
            List.of(),
            Optional.empty(),
            Optional.empty());
    ConflictException e =
        assertThrows(
            ConflictException.class, () -> data.publisher.publish(reuse, Permission.ADMIN));
    assertTrue(e.getMessage().contains("root.lz4"), e.getMessage());
    assertUnchanged(before);
    // The same name with the same bytes is fine (a shared migration, say).
    Upload sameRoot = data.upload("r1.0.0");
    data.publisher.publish(
        custom(
            "1.1.0",
            named("boot-1.1.lz4", "b"),
            new NamedUpload(TargetPath.of("root.lz4"), sameRoot.sha256()),
            named("hash-1.1.lz4", "h"),
            List.of(),
            Optional.empty(),
            Optional.empty()),
        Permission.PUBLISH);
  }

  @Test
  void loweringMaxVersionNeedsTheAdminScope() throws Exception {
    data.publisher.publish(release("1.0.0"), Permission.PUBLISH);
    data.publisher.publish(release("1.1.0"), Permission.PUBLISH);
    Map<String, byte[]> before = files();
    PublishRequest r = release("1.2.0");
    PublishRequest lowering =
        new PublishRequest(
            r.repository(),
            r.version(),
            Optional.of(SemVer.parse("1.0.0")),
            r.boot(),
            r.root(),
            r.hash(),
            r.extraTargets(),
            r.waves(),
            r.releaseStart(),
            r.migrations());
    assertThrows(
        AdminRequiredException.class, () -> data.publisher.publish(lowering, Permission.PUBLISH));
    assertUnchanged(before);
    data.publisher.publish(lowering, Permission.ADMIN);
    Manifest m = data.manifest(TestData.REPO);
    SemVer one = SemVer.parse("1.0.0");
    assertTrue(m.updates().stream().allMatch(u -> u.maxVersion().equals(one)));
    // Raising it again is ordinary publishing.
    data.publisher.publish(release("1.3.0"), Permission.PUBLISH);
  }

  // ---- item 4: a release is checked as a whole ----------------------------------------------

  @Test
  void bootAndRootCannotShareAName() throws Exception {
    assertProblem(
        Problem.DUPLICATE_TARGET_NAME, withImages("1.0.0", "image.lz4", "image.lz4", "hash.lz4"));
    assertProblem(
        Problem.DUPLICATE_TARGET_NAME, withImages("1.0.0", "boot.lz4", "root.lz4", "boot.lz4"));
  }

  @Test
  void anExtraTargetCannotReuseAnImageName() throws Exception {
    assertProblem(
        Problem.DUPLICATE_TARGET_NAME,
        custom(
            "1.0.0",
            named("boot.lz4", "b"),
            named("root.lz4", "r"),
            named("hash.lz4", "h"),
            List.of(named("root.lz4", "r")),
            Optional.empty(),
            Optional.empty()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "boot\r\nX-Injected: 1",
        "boot\u0007",
        "evil\u202egpj.lz4",
        "a\u2066b",
        "zero\u200bwidth",
        "line\u2028sep",
        "bom\ufeff",
        "lone\ud800",
        "manifest.json",
        "a/../boot.lz4",
        "./boot.lz4"
      })
  void namesWithControlOrFormatCharactersAreRefused(String name) throws Exception {
    assertProblem(Problem.BAD_TARGET_NAME, withImages("1.0.0", name, "root.lz4", "hash.lz4"));
    assertEquals(
        Optional.empty(),
        ReleaseCheck.nameProblem("bottlerocket-aws-k8s-1.29-x86_64-1.0.0-boot.ext4.lz4"));
    assertEquals(Optional.empty(), ReleaseCheck.nameProblem("dir/\u00e9t\u00e9-\ud83d\ude00.lz4"));
  }

  @Test
  void migrationsMustBeWellFormedListedTargets() throws Exception {
    NamedUpload migration = named("migrate_v1.1.0_a.lz4", "migration a");
    assertProblem(
        Problem.BACKWARDS_MIGRATION,
        migrations(
            "1.1.0",
            List.of(migration),
            Map.of(key("1.1.0", "1.0.0"), List.of("migrate_v1.1.0_a.lz4"))));
    assertProblem(
        Problem.BACKWARDS_MIGRATION,
        migrations(
            "1.1.0",
            List.of(migration),
            Map.of(key("1.1.0", "1.1.0"), List.of("migrate_v1.1.0_a.lz4"))));
    assertProblem(
        Problem.MIGRATION_NOT_LISTED,
        migrations(
            "1.1.0", List.of(), Map.of(key("1.0.0", "1.1.0"), List.of("migrate_v1.1.0_a.lz4"))));
    assertProblem(
        Problem.DUPLICATE_MIGRATION,
        migrations(
            "1.1.0",
            List.of(migration),
            Map.of(
                key("1.0.0", "1.1.0"), List.of("migrate_v1.1.0_a.lz4", "migrate_v1.1.0_a.lz4"))));
    assertProblem(
        Problem.BAD_TARGET_NAME,
        migrations(
            "1.1.0", List.of(migration), Map.of(key("1.0.0", "1.1.0"), List.of("../migrate"))));
    assertProblem(
        Problem.BAD_TARGET_NAME,
        migrations(
            "1.1.0", List.of(migration), Map.of(key("1.0.0", "1.1.0"), List.of("migrate\n"))));
    assertTrue(!data.store.exists(TestData.REPO), "nothing was written");

    // Listed by this release, then by an earlier one: both fine.
    data.publisher.publish(
        migrations(
            "1.1.0",
            List.of(migration),
            Map.of(key("1.0.0", "1.1.0"), List.of("migrate_v1.1.0_a.lz4"))),
        Permission.PUBLISH);
    data.publisher.publish(
        migrations(
            "1.2.0",
            List.of(),
            Map.of(
                key("1.0.0", "1.1.0"),
                List.of("migrate_v1.1.0_a.lz4"),
                key("1.1.0", "1.2.0"),
                List.of())),
        Permission.PUBLISH);
    assertEquals(2, data.manifest(TestData.REPO).migrations().size());
  }

  @Test
  void aMissingUploadIsNamed() throws Exception {
    PublishRequest r = release("1.0.0");
    PublishRequest missing =
        new PublishRequest(
            r.repository(),
            r.version(),
            r.maxVersion(),
            r.boot(),
            r.root(),
            r.hash(),
            List.of(new NamedUpload(TargetPath.of("extra"), "0".repeat(64))),
            r.waves(),
            r.releaseStart(),
            r.migrations());
    assertProblem(Problem.MISSING_UPLOAD, missing);
  }

  private PublishRequest migrations(
      String version, List<NamedUpload> extra, Map<MigrationKey, List<String>> table)
      throws Exception {
    return custom(
        version,
        named("boot-" + version, "b" + version),
        named("root-" + version, "r" + version),
        named("hash-" + version, "h" + version),
        extra,
        Optional.empty(),
        Optional.of(table));
  }

  private static MigrationKey key(String from, String to) throws Exception {
    return new MigrationKey(SemVer.parse(from), SemVer.parse(to));
  }

  private void assertProblem(Problem problem, PublishRequest request) throws Exception {
    Map<String, byte[]> before = files();
    InvalidReleaseException e =
        assertThrows(
            InvalidReleaseException.class, () -> data.publisher.publish(request, Permission.ADMIN));
    assertEquals(problem, e.problem(), e.getMessage());
    assertUnchanged(before);
  }

  private Map<String, byte[]> files() throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    for (Path root : List.of(data.store.metadataDir(TestData.REPO), data.store.targetsDir())) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  private void assertUnchanged(Map<String, byte[]> before) throws Exception {
    Map<String, byte[]> after = files();
    assertEquals(before.keySet(), after.keySet());
    before.forEach(
        (name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " was rewritten"));
  }
}
