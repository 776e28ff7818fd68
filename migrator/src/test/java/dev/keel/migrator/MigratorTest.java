package dev.keel.migrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.manifest.MigrationKey;
import dev.keel.manifest.SemVer;
import dev.keel.migrator.datastore.DatastoreLinks;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {
  private static final List<String> FIXTURE_MIGRATIONS =
      List.of(
          "migration_1.1.0_a",
          "migration_1.1.0_b",
          "migration_1.2.0_skip",
          "migration_1.5.0_shortcut",
          "migration_1.5.0_skip");
  @TempDir Path dir;
  private TestHost host;
  private Path log;

  @BeforeEach
  void host() throws Exception {
    host = TestHost.create(dir);
    log = dir.resolve("run.log");
    host.datastore(
        "1.0.0", Map.of("settings.motd", "\"hello\"", "settings.ntp.servers", "[\"a\",\"b\"]"));
  }

  private static byte[] fixture() throws Exception {
    try (InputStream in = MigratorTest.class.getResourceAsStream("/migrations.json")) {
      return in.readAllBytes();
    }
  }

  private TestHost publishFixture() throws Exception {
    for (String name : FIXTURE_MIGRATIONS) {
      host.migration(name, ShellMigration.script(name, log));
    }
    return host.publish(fixture());
  }

  private List<String> log() throws Exception {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private Map<String, String> settingsWith(String... applied) {
    Map<String, String> m =
        new TreeMap<>(
            Map.of("settings.motd", "\"hello\"", "settings.ntp.servers", "[\"a\",\"b\"]"));
    for (String a : applied) {
      m.put("applied.\"" + a + "\"", "true");
    }
    return m;
  }

  private void assertChain(String version) throws Exception {
    SemVer v = SemVer.parse(version);
    Path d = host.datastoreDir();
    assertEquals("v" + v.major(), Files.readSymbolicLink(d.resolve("current")).toString());
    assertEquals(
        "v" + v.major() + "." + v.minor(),
        Files.readSymbolicLink(d.resolve("v" + v.major())).toString());
    assertEquals(
        "v" + v, Files.readSymbolicLink(d.resolve("v" + v.major() + "." + v.minor())).toString());
    assertEquals(v, host.version());
  }

  @Test
  void forwardThenBackwardAcrossHopsWithTheShortcut() throws Exception {
    publishFixture().osRelease("1.5.0");
    assertEquals(0, host.migrate(), host.err());
    assertEquals(
        List.of(
            "migration_1.1.0_a forward",
            "migration_1.1.0_b forward",
            "migration_1.5.0_shortcut forward"),
        log());
    assertChain("1.5.0");
    assertEquals(
        settingsWith("migration_1.1.0_a", "migration_1.1.0_b", "migration_1.5.0_shortcut"),
        host.live());
    // Intermediate directories are gone; the previous datastore stays (v1.0.0 still points at it).
    assertEquals(2, host.datastoreDirs().size(), host.datastoreDirs().toString());
    Files.delete(log);

    host.osRelease("1.0.0");
    assertEquals(0, host.migrate(), host.err());
    assertEquals(
        List.of(
            "migration_1.5.0_shortcut backward",
            "migration_1.1.0_b backward",
            "migration_1.1.0_a backward"),
        log());
    assertChain("1.0.0");
    assertEquals(settingsWith(), host.live());
    // v1.0.0 now points at the new directory; the first one is unreferenced and removed.
    assertEquals(2, host.datastoreDirs().size(), host.datastoreDirs().toString());
    assertTrue(host.out().contains("datastore migrated from 1.5.0 to 1.0.0"), host.out());
  }

  @Test
  void theOrderIsTheManifestsNotTheNames() throws Exception {
    host.migration("b-first", ShellMigration.script("b-first", log))
        .migration("a-second", ShellMigration.script("a-second", log))
        .publish(
            Map.of(
                new MigrationKey(SemVer.parse("1.0.0"), SemVer.parse("1.1.0")),
                List.of("b-first", "a-second")))
        .osRelease("1.1.0");
    assertEquals(0, host.migrate("--migrate-to-version", "1.1.0"), host.err());
    assertEquals(List.of("b-first forward", "a-second forward"), log());
  }

  @Test
  void hopsWithoutMigrationsMoveOnlyTheLinks() throws Exception {
    List<String> before = host.datastoreDirs();
    host.publish(
            Map.of(
                new MigrationKey(SemVer.parse("1.0.0"), SemVer.parse("1.0.1")),
                List.of(),
                new MigrationKey(SemVer.parse("1.0.1"), SemVer.parse("1.1.0")),
                List.of()))
        .osRelease("1.1.0");
    assertEquals(0, host.migrate(), host.err());
    assertChain("1.1.0");
    assertEquals(before, host.datastoreDirs(), "no copy");
    assertEquals(
        before.get(0), Files.readSymbolicLink(host.datastoreDir().resolve("v1.1.0")).toString());
    assertEquals(settingsWith(), host.live());
    host.osRelease("1.0.0");
    assertEquals(0, host.migrate(), host.err());
    assertChain("1.0.0");
    assertEquals(before, host.datastoreDirs());
  }

  @Test
  void aFailingMigrationInTheMiddleLeavesTheLinksAndKeepsBothDirectories() throws Exception {
    for (String name : FIXTURE_MIGRATIONS) {
      host.migration(
          name,
          name.equals("migration_1.1.0_b")
              ? ShellMigration.script(
                  name, log, "echo 'b: settings.ntp.servers is not a list' >&2; exit 3")
              : ShellMigration.script(name, log));
    }
    host.publish(fixture()).osRelease("1.5.0");
    Path before = host.datastoreDir().resolve("current").toRealPath();
    assertEquals(1, host.migrate());
    assertTrue(
        host.err().contains("Migration migration_1.1.0_b failed with exit code 3"), host.err());
    assertTrue(host.err().contains("b: settings.ntp.servers is not a list"), host.err());
    assertEquals(List.of("migration_1.1.0_a forward", "migration_1.1.0_b forward"), log());
    assertChain("1.0.0");
    assertEquals(before, host.datastoreDir().resolve("current").toRealPath());
    assertEquals(settingsWith(), host.live());
    // The last good and the failed directory stay for diagnosis, as in the original's test.
    assertEquals(
        2,
        host.datastoreDirs().stream().filter(n -> n.startsWith("v1.5.0_")).count(),
        host.datastoreDirs().toString());
  }

  @Test
  void aMigrationWhoseBytesDoNotMatchTheSignedHashNeverRuns() throws Exception {
    publishFixture().osRelease("1.5.0");
    Path cached = host.cachedTarget("migration_1.5.0_shortcut");
    byte[] bytes = Files.readAllBytes(cached);
    byte[] evil =
        dev.keel.migrator.pack.MigrationPack.compress(
            ShellMigration.script("migration_1.5.0_shortcut", log, "touch " + dir.resolve("pwned"))
                .getBytes());
    Files.write(
        cached, evil.length == bytes.length ? evil : java.util.Arrays.copyOf(evil, bytes.length));
    assertEquals(1, host.migrate());
    assertTrue(host.err().contains("migration_1.5.0_shortcut"), host.err());
    assertEquals(List.of(), log(), "every migration is verified before the first runs");
    assertFalse(Files.exists(dir.resolve("pwned")));
    assertChain("1.0.0");
    assertEquals(1, host.datastoreDirs().size());
  }

  @Test
  void aMissingMigrationFailsBeforeAnythingRuns() throws Exception {
    host.migration("a", ShellMigration.script("a", log))
        .publish(
            Map.of(
                new MigrationKey(SemVer.parse("1.0.0"), SemVer.parse("1.1.0")),
                List.of("a", "not-published")))
        .osRelease("1.1.0");
    assertEquals(1, host.migrate());
    assertTrue(
        host.err()
            .contains("Migration not found: not-published (not listed in the signed targets)"),
        host.err());
    // Listed and signed, but not in the cache:
    host.migration("not-published", ShellMigration.script("not-published", log))
        .publish(
            Map.of(
                new MigrationKey(SemVer.parse("1.0.0"), SemVer.parse("1.1.0")),
                List.of("a", "not-published")));
    Files.delete(host.cachedTarget("not-published"));
    assertEquals(1, host.migrate());
    assertTrue(
        host.err().contains("Migration not found: not-published (listed, but not cached"),
        host.err());
    assertEquals(List.of(), log());
    assertChain("1.0.0");
  }

  @Test
  void aMigrationWritingOutsideItsTargetFailsAndTheLinksAreRestored() throws Exception {
    Path ds = host.datastoreDir();
    host.migration(
            "sneaky",
            ShellMigration.script(
                "sneaky",
                log,
                "printf '\"evil\"' > \"$src/live/settings/motd\"; ln -sfn v9 "
                    + ds.resolve("current")))
        .publish(
            Map.of(
                new MigrationKey(SemVer.parse("1.0.0"), SemVer.parse("1.1.0")), List.of("sneaky")))
        .osRelease("1.1.0");
    assertEquals(1, host.migrate());
    assertTrue(host.err().contains("Migration sneaky wrote outside its target"), host.err());
    assertTrue(host.err().contains("settings/motd"), host.err());
    assertTrue(host.err().contains("changed " + ds.resolve("current")), host.err());
    assertChain("1.0.0");
  }

  @Test
  void aMigrationThatIsNoExecutableNeverRuns() throws Exception {
    host.migration("text", "cp -a \"$3\" \"$5\"\n")
        .publish(
            Map.of(new MigrationKey(SemVer.parse("1.0.0"), SemVer.parse("1.1.0")), List.of("text")))
        .osRelease("1.1.0");
    assertEquals(1, host.migrate());
    assertTrue(
        host.err().contains("neither an ELF binary nor a script starting with #!"), host.err());
    assertEquals(1, host.datastoreDirs().size());
  }

  @Test
  void aMigrationThatMakesNoDatastoreFails() throws Exception {
    host.migration("lazy", "#!/bin/sh\nexit 0\n")
        .publish(
            Map.of(new MigrationKey(SemVer.parse("1.0.0"), SemVer.parse("1.1.0")), List.of("lazy")))
        .osRelease("1.1.0");
    assertEquals(1, host.migrate());
    assertTrue(host.err().contains("exited 0 but made no datastore"), host.err());
    assertChain("1.0.0");
  }

  @Test
  void pendingTransactionsTravelWithTheDatastore() throws Exception {
    Path pending = host.datastoreDir().resolve("current/pending/user%20tx/settings");
    Files.createDirectories(pending);
    Files.writeString(pending.resolve("motd"), "\"draft\"");
    publishFixture().osRelease("1.1.0");
    assertEquals(0, host.migrate(), host.err());
    assertEquals(
        java.util.Optional.of("\"draft\""),
        host.current()
            .get(
                dev.keel.datastore.Key.parse("settings.motd"),
                dev.keel.datastore.Committed.pending("user tx")));
  }

  @Test
  void expiredCachedMetadataIsAcceptedBecauseTheHostMayHaveBeenOffForWeeks() throws Exception {
    publishFixture().osRelease("1.1.0");
    Clock later = Clock.fixed(TestHost.NOW.plus(Duration.ofDays(400)), ZoneOffset.UTC);
    assertEquals(0, host.migrate(new dev.keel.tuf.storage.AtomicFiles(), later), host.err());
    assertChain("1.1.0");
  }

  @Test
  void aForeignTrustedRootRefusesTheCache() throws Exception {
    publishFixture().osRelease("1.1.0");
    // The original's expired test root: expiry is ignored, but its key signed none of this cache.
    try (InputStream in = MigratorTest.class.getResourceAsStream("/expired-root.json")) {
      Files.write(host.root.resolve(HostPaths.TRUSTED_ROOT), in.readAllBytes());
    }
    assertEquals(1, host.migrate());
    assertFalse(host.err().toLowerCase(java.util.Locale.ROOT).contains("expired"), host.err());
    assertEquals(List.of(), log());
    assertChain("1.0.0");
  }

  @Test
  void nothingToDoWithoutDatastoreOrAtTheBootedVersion() throws Exception {
    host.osRelease("1.0.0");
    assertEquals(0, host.migrate(), host.err());
    assertTrue(host.err().contains("nothing to do"), host.err());
    // No repository was needed for that; and a host without a datastore yet (first boot):
    TestHost fresh = TestHost.create(dir.resolve("fresh"));
    fresh.osRelease("1.0.0");
    assertEquals(0, fresh.migrate(), fresh.err());
    assertTrue(
        fresh.err().contains("Data store does not exist at given path, exiting"), fresh.err());
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Migrator m =
        new Migrator(
            Clock.systemUTC(),
            System.out,
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
            new dev.keel.tuf.storage.AtomicFiles(),
            new java.util.Random(),
            dir);
    assertEquals(
        2,
        m.run(
            List.of(
                "--datastore-path",
                "x",
                "--migration-directory",
                "y",
                "--root-path",
                "z",
                "--metadata-directory",
                "w")));
    assertEquals(
        2,
        m.run(
            List.of(
                "--root",
                dir.toString(),
                "--migrate-to-version",
                "1.0.0",
                "--migrate-to-version-from-os-release")));
    assertEquals(2, m.run(List.of("--migrate-to-version", "1.0.0")));
    assertEquals(2, m.run(List.of("--root", dir.toString(), "--migrate-to-version", "one")));
    assertEquals(
        2, m.run(List.of("--root", dir.toString(), "--migrate-to-version", "1.0.0", "--no-color")));
  }

  @Test
  void theOriginalFlagsWorkWithoutRoot() throws Exception {
    publishFixture();
    HostPaths p = host.paths();
    Migrator m =
        new Migrator(
            Clock.fixed(TestHost.NOW, ZoneOffset.UTC),
            System.out,
            System.err,
            new dev.keel.tuf.storage.AtomicFiles(),
            new java.util.Random(),
            dir);
    assertEquals(
        0,
        m.run(
            List.of(
                "--datastore-path",
                p.datastore().toString(),
                "--migration-directory",
                p.migrations().toString(),
                "--root-path",
                p.trustedRoot().toString(),
                "--metadata-directory",
                p.metadata().toString(),
                "--migrate-to-version",
                "1.2.0",
                "--log-level",
                "error")));
    assertChain("1.2.0");
    assertEquals(
        settingsWith("migration_1.1.0_a", "migration_1.1.0_b", "migration_1.2.0_skip"),
        host.live());
    assertTrue(Files.isSymbolicLink(host.datastoreDir().resolve(DatastoreLinks.CURRENT)));
  }
}
