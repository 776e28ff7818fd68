package dev.keel.migrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.datastore.Committed;
import dev.keel.datastore.FilesystemDatastore;
import dev.keel.manifest.MigrationKey;
import dev.keel.manifest.SemVer;
import dev.keel.migrator.datastore.DatastoreCleanup;
import dev.keel.migrator.datastore.DatastoreLinks;
import dev.keel.tuf.testkit.DyingSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes in the middle of a migration: in process, by failing the link sink at each of its steps;
 * and for real, by SIGKILLing a migrator process at random moments. Each time {@code current} must
 * resolve to a complete datastore whose contents match the version its links give, and a rerun must
 * succeed. {@code -Dmigrator.kill.rounds=200} runs the process test 200 times (README).
 */
class MigratorCrashIT {
  private static final int ROUNDS = Integer.getInteger("migrator.kill.rounds", 25);
  private static final int KEYS = 100;
  @TempDir Path dir;
  private TestHost host;
  private final Map<String, String> original = new LinkedHashMap<>();
  private final Map<String, String> migrated = new TreeMap<>();

  @BeforeEach
  void host() throws Exception {
    host = TestHost.create(dir);
    for (int i = 0; i < KEYS; i++) {
      original.put("settings.group" + (i % 10) + ".key" + i, "\"value " + i + "\"");
    }
    migrated.putAll(original);
    Path log = dir.resolve("log");
    List<String> names = List.of("one", "two", "three");
    for (String n : names) {
      host.migration(n, ShellMigration.script(n, log));
      migrated.put("applied." + n, "true");
    }
    host.publish(
        Map.of(
            new MigrationKey(SemVer.parse("1.0.0"), SemVer.parse("1.1.0")),
            List.of("one", "two"),
            new MigrationKey(SemVer.parse("1.1.0"), SemVer.parse("1.2.0")),
            List.of("three")));
    host.osRelease("1.2.0");
    resetDatastore();
  }

  private void resetDatastore() throws Exception {
    DatastoreCleanup.deleteTree(host.datastoreDir());
    host.datastore("1.0.0", original);
  }

  /** current resolves to a whole datastore, and it is the one its version promises. */
  private void assertConsistent(String when) throws Exception {
    SemVer v = host.version();
    Path real = host.datastoreDir().resolve(DatastoreLinks.CURRENT).toRealPath();
    assertTrue(Files.isDirectory(real.resolve("live")), when);
    Map<String, String> live = host.live();
    if (v.equals(SemVer.parse("1.0.0"))) {
      assertEquals(
          new TreeMap<>(original), live, when + ": version 1.0.0 must hold the original settings");
    } else {
      assertEquals(SemVer.parse("1.2.0"), v, when);
      assertEquals(migrated, live, when + ": version 1.2.0 must hold the migrated settings");
    }
  }

  private void assertRerunSucceeds(String when) throws Exception {
    assertEquals(0, host.migrate(), when + ": " + host.err());
    assertEquals(SemVer.parse("1.2.0"), host.version(), when);
    assertEquals(migrated, host.live(), when);
  }

  @Test
  void theLinkSinkFailingAtEachStepLeavesAWholeDatastoreAndARerunSucceeds() throws Exception {
    for (int step = 0; step < 4; step++) {
      resetDatastore();
      int code = host.migrate(DyingSink.after(step), Clock.fixed(TestHost.NOW, ZoneOffset.UTC));
      assertEquals(1, code, "step " + step);
      assertConsistent("sink died after " + step + " links");
      assertRerunSucceeds("after step " + step);
      assertEquals(
          2,
          host.datastoreDirs().size(),
          "the killed run's directory is cleaned up: " + host.datastoreDirs());
    }
  }

  @Test
  void aMigratorKilledAtRandomPointsLeavesAWholeDatastoreAndARerunSucceeds() throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Migrator.class.getName(),
                "--root",
                host.root.toString(),
                "--migrate-to-version-from-os-release"));
    // One run to the end, to know how long a run takes on this machine.
    long start = System.nanoTime();
    Process full = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(full.getInputStream().readAllBytes());
    assertEquals(0, full.waitFor(), output);
    long runNanos = System.nanoTime() - start;
    assertConsistent("after a full run");
    Random random = new Random(Long.getLong("migrator.kill.seed", 42L));
    int landedBefore = 0;
    int landedAfter = 0;
    for (int round = 0; round < ROUNDS; round++) {
      resetDatastore();
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      long delay = (long) (random.nextDouble() * runNanos * 1.1);
      if (!p.waitFor(delay, TimeUnit.NANOSECONDS)) {
        p.destroyForcibly(); // SIGKILL on Linux
      }
      p.waitFor();
      String when = "round " + round + ", killed after " + delay / 1_000_000 + " ms";
      assertConsistent(when);
      if (host.version().equals(SemVer.parse("1.0.0"))) {
        landedBefore++;
      } else {
        landedAfter++;
      }
      assertRerunSucceeds(when);
      FilesystemDatastore.at(host.datastoreDir().resolve("current")).read(Committed.LIVE);
    }
    System.out.println(
        "kill test: "
            + ROUNDS
            + " rounds, run "
            + runNanos / 1_000_000
            + " ms, "
            + landedBefore
            + " left the old datastore current, "
            + landedAfter
            + " the new one");
  }
}
