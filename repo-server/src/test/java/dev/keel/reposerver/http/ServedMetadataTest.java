package dev.keel.reposerver.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.reposerver.ExpiryRefresher;
import dev.keel.reposerver.TestData;
import dev.keel.reposerver.publish.Permission;
import dev.keel.reposerver.publish.PublisherTestAccess;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory metadata sets against the files on disk, without a server. */
class ServedMetadataTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static byte[] bytes(MetadataFile f) {
    return f.body().getBytes();
  }

  static String repo() {
    return TestData.REPO.variant() + "/" + TestData.REPO.arch();
  }

  /** Every file of the repository's folder is in the set, byte for byte, with its validators. */
  static void assertMatchesDisk(ServedMetadata served, Path metadataDir) throws Exception {
    MetadataSet set = served.get(repo());
    assertNotNull(set);
    assertMatchesDisk(set, metadataDir);
  }

  static void assertMatchesDisk(MetadataSet set, Path metadataDir) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(metadataDir)) {
      files = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      MetadataFile f = set.inMemory(name);
      assertNotNull(f, name);
      assertArrayEquals(Files.readAllBytes(file), bytes(f), name);
      long mtime = Files.getLastModifiedTime(file).toMillis();
      assertEquals(ServedFile.etag(Files.size(file), mtime), f.etag(), name);
      assertEquals(
          HttpDate.format(java.time.Instant.ofEpochMilli(mtime)), f.lastModified().toString());
      assertEquals(FileRoutes.metadataPolicy(name), f.policy(), name);
    }
  }

  @Test
  void aPublishOrAReSignIsInTheSetAsSoonAsItCommits() throws Exception {
    TestData data = new TestData(dir);
    ServedMetadata served = ServedMetadata.load(data.store);
    assertNull(served.get(repo()), "nothing published yet");

    data.publisher.publish(PublisherTestAccess.release(data, "1.0.0"), Permission.ADMIN);
    Path metadataDir = data.store.metadataDir(TestData.REPO);
    assertMatchesDisk(served, metadataDir);

    // The expiry refresher re-signs timestamp and snapshot; the set follows without any reload.
    byte[] before = bytes(served.get(repo()).inMemory("timestamp.json"));
    data.clock.advance(Duration.ofDays(5).plusHours(12));
    ExpiryRefresher refresher =
        new ExpiryRefresher(
            data.publisher,
            new ServerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), data.clock),
            Duration.ofDays(2),
            data.clock);
    assertEquals(List.of(TestData.REPO), refresher.check());
    MetadataSet set = served.get(repo());
    byte[] after = bytes(set.inMemory("timestamp.json"));
    assertArrayEquals(Files.readAllBytes(metadataDir.resolve("timestamp.json")), after);
    assertEquals(false, java.util.Arrays.equals(before, after));
    long snapshot =
        JSON.readTree(after).at("/signed/meta/snapshot.json/version").asLong(); // TUF 1.0
    assertNotNull(set.inMemory(snapshot + ".snapshot.json"), "the snapshot the timestamp names");
  }

  @Test
  void aRepositoryWithoutTimestampIsNotServed() throws Exception {
    TestData data = new TestData(dir);
    Path metadataDir = data.store.metadataDir(TestData.REPO);
    Files.createDirectories(metadataDir);
    Files.writeString(metadataDir.resolve("1.root.json"), "{}");
    assertEquals(java.util.Optional.empty(), MetadataSet.read(metadataDir, null));
  }

  @Test
  void aNewReadTakesOverUnchangedFilesAndReadsReplacedOnesAgain() throws Exception {
    Path metadataDir = dir.resolve("repo");
    Files.createDirectories(metadataDir);
    Files.writeString(metadataDir.resolve("timestamp.json"), "{\"v\":1}");
    Files.writeString(metadataDir.resolve("1.snapshot.json"), "{\"s\":1}");
    MetadataSet first = MetadataSet.read(metadataDir, null).orElseThrow();

    // Replaced by rename, as every writer here does: a new file, read again.
    Path tmp = metadataDir.resolve(".timestamp.json.tmp");
    Files.writeString(tmp, "{\"v\":2}");
    Files.move(tmp, metadataDir.resolve("timestamp.json"), StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(metadataDir.resolve("2.snapshot.json"), "{\"s\":2}");
    MetadataSet second = MetadataSet.read(metadataDir, first).orElseThrow();

    assertSame(first.inMemory("1.snapshot.json"), second.inMemory("1.snapshot.json"), "unchanged");
    assertArrayEquals("{\"v\":2}".getBytes(), bytes(second.inMemory("timestamp.json")));
    assertArrayEquals("{\"s\":2}".getBytes(), bytes(second.inMemory("2.snapshot.json")));
    assertMatchesDisk(second, metadataDir);
  }
}
