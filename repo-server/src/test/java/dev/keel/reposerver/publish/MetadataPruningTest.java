package dev.keel.reposerver.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.reposerver.TestData;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.Snapshot;
import dev.keel.tuf.model.Timestamp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versioned metadata is pruned once no client can need it (issue 13, item 12): the policy on its
 * own, then a year of daily releases and refreshes in which every timestamp a client could still
 * hold must lead to files that exist.
 */
class MetadataPruningTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final MetadataRetention RETENTION =
      new MetadataRetention(Duration.ofDays(7), Duration.ofDays(1));

  @TempDir Path dir;

  private static MetadataRetention.Version snapshot(long version, Duration age, long targets) {
    return new MetadataRetention.Version(
        "snapshot", version, NOW.minus(age), Optional.of(Map.of("targets", targets)));
  }

  private static MetadataRetention.Version targets(long version) {
    return new MetadataRetention.Version(
        "targets", version, NOW.minus(Duration.ofDays(400)), Optional.empty());
  }

  @Test
  void thePolicyKeepsWhatAnUnexpiredTimestampLeadsTo() {
    List<MetadataRetention.Version> files =
        List.of(
            snapshot(1, Duration.ofDays(30), 1),
            snapshot(2, Duration.ofDays(9), 2), // old: pruned
            snapshot(3, Duration.ofDays(7).plusHours(23), 2), // inside 7 days + 1: kept
            snapshot(4, Duration.ofDays(1), 3),
            snapshot(5, Duration.ofDays(60), 3), // 5 is current, however old
            snapshot(6, Duration.ofDays(90), 9), // above current: kept
            targets(1),
            targets(2),
            targets(3),
            targets(4)); // 4: above current's 3
    List<String> pruned =
        RETENTION.prunable(files, 5, NOW).stream()
            .map(v -> v.role() + v.version())
            .sorted()
            .toList();
    assertEquals(List.of("snapshot1", "snapshot2", "targets1"), pruned);
  }

  @Test
  void anUnreadableKeptSnapshotKeepsEveryTargetsVersion() {
    List<MetadataRetention.Version> files =
        List.of(
            snapshot(1, Duration.ofDays(30), 1),
            new MetadataRetention.Version("snapshot", 2, NOW, Optional.empty()),
            snapshot(3, Duration.ZERO, 3),
            targets(1),
            targets(2));
    assertEquals(List.of(files.get(0)), RETENTION.prunable(files, 3, NOW));
  }

  @Test
  void aYearOfDailyChangesKeepsOnlyWhatClientsCanReach() throws Exception {
    TestData data = new TestData(dir);
    // Start at the real time: the pruner also reads file modification times, which are real.
    data.clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Path metadata = data.store.metadataDir(TestData.REPO);
    List<byte[]> timestamps = new ArrayList<>();
    for (int day = 0; day < 120; day++) {
      if (day % 3 == 0) {
        data.publisher.publish(
            PublisherTestAccess.release(data, "1." + day + ".0"), Permission.ADMIN);
      } else {
        data.publisher.refreshTimestamp(TestData.REPO);
      }
      timestamps.add(Files.readAllBytes(metadata.resolve("timestamp.json")));
      data.clock.advance(Duration.ofDays(1));
    }
    Instant now = data.clock.instant();
    int reachable = 0;
    for (byte[] bytes : timestamps) {
      Timestamp t = MetadataCodec.timestamp(bytes, "timestamp.json").signed();
      if (!t.expires().isAfter(now)) {
        continue;
      }
      // A client holding this timestamp fetches its snapshot, then that snapshot's targets.
      long s = t.meta().get("snapshot.json").version();
      Path snapshotFile = metadata.resolve(s + ".snapshot.json");
      assertTrue(
          Files.isRegularFile(snapshotFile),
          "snapshot " + s + " of an unexpired timestamp was pruned");
      Snapshot snapshot =
          MetadataCodec.snapshot(Files.readAllBytes(snapshotFile), "snapshot").signed();
      long targets = snapshot.meta().get("targets.json").version();
      assertTrue(
          Files.isRegularFile(metadata.resolve(targets + ".targets.json")),
          "targets " + targets + " was pruned");
      reachable++;
    }
    assertEquals(6, reachable, "the timestamps of the last six days are unexpired");
    assertTrue(Files.isRegularFile(metadata.resolve("1.root.json")), "roots are kept");
    long snapshots = count(metadata, ".snapshot.json");
    long targets = count(metadata, ".targets.json");
    // 120 of each (40 of targets) without pruning; 8 days' worth (7 + the margin) with it.
    assertTrue(snapshots <= 9, snapshots + " snapshots kept");
    assertTrue(targets <= 4, targets + " targets kept");
    data.publisher.validate(TestData.REPO, true);
  }

  private static long count(Path dir, String suffix) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
    }
  }
}
