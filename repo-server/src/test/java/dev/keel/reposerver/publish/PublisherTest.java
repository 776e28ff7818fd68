package dev.keel.reposerver.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.manifest.Manifest;
import dev.keel.manifest.SemVer;
import dev.keel.manifest.Update;
import dev.keel.reposerver.TestData;
import dev.keel.reposerver.store.InvalidRequestException;
import dev.keel.reposerver.store.NotFoundException;
import dev.keel.reposerver.store.RepositoryId;
import dev.keel.reposerver.store.Upload;
import dev.keel.tuf.model.TargetPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
  @TempDir Path dir;
  TestData data;

  @BeforeEach
  void setUp() throws Exception {
    data = new TestData(dir);
  }

  static PublishRequest request(
      RepositoryId id,
      String version,
      Upload boot,
      Upload root,
      Upload hash,
      WaveChoice waves,
      Instant start)
      throws Exception {
    String prefix = "bottlerocket-" + id.variant() + "-" + id.arch() + "-" + version;
    return new PublishRequest(
        id,
        SemVer.parse(version),
        Optional.empty(),
        new NamedUpload(TargetPath.of(prefix + "-boot.ext4.lz4"), boot.sha256()),
        new NamedUpload(TargetPath.of(prefix + "-root.ext4.lz4"), root.sha256()),
        new NamedUpload(TargetPath.of(prefix + "-root.verity.lz4"), hash.sha256()),
        List.of(),
        waves,
        Optional.of(start),
        Optional.empty());
  }

  PublishRequest release(String version) throws Exception {
    return request(
        TestData.REPO,
        version,
        data.upload("boot " + version),
        data.upload("root " + version),
        data.upload("hash " + version),
        PublishRequest.namedWaves("default"),
        TestData.T0);
  }

  @Test
  void publishesTwoReleasesWithDefaultWaves() throws Exception {
    PublishResult first = data.publisher.publish(release("1.0.0"), Permission.ADMIN);
    PublishResult second = data.publisher.publish(release("1.1.0"), Permission.ADMIN);
    // Same clock second: versions still go up by one.
    assertEquals(TestData.T0.getEpochSecond(), first.timestampVersion());
    assertEquals(first.timestampVersion() + 1, second.timestampVersion());
    assertEquals(first.targetsVersion() + 1, second.targetsVersion());

    Manifest m = data.manifest(TestData.REPO);
    assertEquals(2, m.updates().size());
    Update u = m.updates().get(1);
    assertEquals(SemVer.parse("1.1.0"), u.version());
    assertEquals(SemVer.parse("1.1.0"), m.updates().get(0).maxVersion());
    assertEquals(List.of(0L, 20L, 102L, 307L, 819L, 1228L, 1843L), List.copyOf(u.waves().keySet()));
    assertEquals(TestData.T0.plus(Duration.ofHours(1)), u.waves().get(0L));
    assertEquals(TestData.T0.plus(Duration.ofDays(6)), u.waves().get(1843L));
    assertEquals("bottlerocket-aws-k8s-1.29-x86_64-1.1.0-boot.ext4.lz4", u.images().boot());
    assertEquals(7, data.publisher.validate(TestData.REPO, true).targetsDownloaded());
  }

  @Test
  void missingUploadOrBadWavesChangeNothing() throws Exception {
    data.publisher.publish(release("1.0.0"), Permission.ADMIN);
    Map<String, byte[]> before = snapshotFiles();
    Upload boot = data.upload("b");
    PublishRequest missing =
        new PublishRequest(
            TestData.REPO,
            SemVer.parse("2.0.0"),
            Optional.empty(),
            new NamedUpload(TargetPath.of("boot"), boot.sha256()),
            new NamedUpload(TargetPath.of("root"), "0".repeat(64)),
            new NamedUpload(TargetPath.of("hash"), boot.sha256()),
            List.of(),
            new WaveChoice.None(),
            Optional.empty(),
            Optional.empty());
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class, () -> data.publisher.publish(missing, Permission.ADMIN));
    assertTrue(e.getMessage().contains("no upload"), e.getMessage());
    assertThrows(InvalidRequestException.class, () -> PublishRequest.namedWaves("fast"));
    assertThrows(
        InvalidRequestException.class,
        () ->
            PublishRequest.wavesFromToml(
                "[[waves]]\nstart_after = '1 hour'\nfleet_percentage = 101\n", "x"));
    assertThrows(
        InvalidRequestException.class, () -> PublishRequest.parseVersion("1.x", "version"));
    Map<String, byte[]> after = snapshotFiles();
    assertEquals(before.keySet(), after.keySet());
    before.forEach(
        (name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " was rewritten"));
  }

  @Test
  void pullRemoveRefreshAndExpirations() throws Exception {
    data.publisher.publish(release("1.0.0"), Permission.ADMIN);
    data.publisher.publish(release("1.1.0"), Permission.ADMIN);
    PublishResult pulled =
        data.publisher.pull(TestData.REPO, SemVer.parse("1.1.0"), Optional.empty());
    assertEquals(
        data.publisher.expirations(TestData.REPO),
        pulled.expiries(),
        "the expiries a change returns are what loading the repository reports");
    SemVer one = SemVer.parse("1.0.0");
    assertTrue(pulled.manifest().updates().stream().allMatch(u -> u.maxVersion().equals(one)));
    SemVer nine = SemVer.parse("9.0.0");
    assertThrows(
        NotFoundException.class, () -> data.publisher.pull(TestData.REPO, nine, Optional.empty()));
    // Pulling never raises the ceiling.
    assertThrows(
        InvalidRequestException.class,
        () -> data.publisher.pull(TestData.REPO, SemVer.parse("1.1.0"), Optional.of(nine)));
    data.publisher.remove(TestData.REPO, SemVer.parse("1.1.0"));
    assertEquals(1, data.manifest(TestData.REPO).updates().size());
    SemVer gone = SemVer.parse("1.1.0");
    assertThrows(NotFoundException.class, () -> data.publisher.remove(TestData.REPO, gone));

    data.clock.advance(Duration.ofDays(6));
    List<RoleExpiry> soon =
        data.publisher.expirations(TestData.REPO).stream()
            .filter(r -> r.expiresBefore(data.clock.instant().plus(Duration.ofDays(2))))
            .toList();
    assertEquals(List.of("timestamp"), soon.stream().map(RoleExpiry::role).toList());
    data.clock.advance(Duration.ofDays(2)); // timestamp expired
    assertThrows(
        dev.keel.reposerver.store.RepositoryStateException.class,
        () -> data.publisher.validate(TestData.REPO, false));
    assertThrows(
        dev.keel.reposerver.store.RepositoryStateException.class,
        () -> data.publisher.refresh(TestData.REPO, false));
    data.publisher.refresh(TestData.REPO, true);
    data.publisher.validate(TestData.REPO, true);
    assertEquals(1, data.manifest(TestData.REPO).updates().size());
  }

  @Test
  void sameBytesUploadedTwiceIsOneUpload() throws Exception {
    Upload a = data.upload("same");
    Upload b = data.upload("same");
    assertEquals(a, b);
    try (Stream<Path> s = Files.list(dir.resolve("uploads"))) {
      assertEquals(2, s.count()); // data + record
    }
    try (Stream<Path> s = Files.list(dir.resolve("staging"))) {
      assertEquals(0, s.count());
    }
  }

  private Map<String, byte[]> snapshotFiles() throws Exception {
    Map<String, byte[]> out = new java.util.TreeMap<>();
    for (Path root : List.of(data.store.metadataDir(TestData.REPO), data.store.targetsDir())) {
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }
}
