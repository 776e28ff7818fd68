package dev.keel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.e2e.SimulatedHost.Result;
import dev.keel.migrator.pack.MigrationPack;
import dev.keel.updog.RepoFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's journey: settings survive an update and a rollback because the datastore is migrated
 * at boot. 1.1.0 carries a migration built from the SDK's ready-made steps and packed by {@code
 * migration-pack} (a self-running jar, so one JVM start per direction); updog caches it with the
 * manifest and the metadata, and the simulated host's boot runs the migrator.
 */
class MigrationCycleIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MIGRATION = "migrate_v1.1.0_ntp-and-lockdown.lz4";
  private static final String FAILING = "migrate_v1.1.0_broken.lz4";

  @TempDir static Path shared;
  static Map<String, Path> v100;
  static Map<String, Path> v110;
  static Path migration;
  static Path failing;
  @TempDir Path tmp;

  @BeforeAll
  static void build() throws Exception {
    v100 = SimulatedHost.images(shared.resolve("v100"), "1.0.0");
    v110 = SimulatedHost.images(shared.resolve("v110"), "1.1.0");
    migration =
        pack(
            "ntp-and-lockdown",
            "--step",
            "add settings.kernel.lockdown \"integrity\"",
            "--step",
            "rename settings.ntp.time-servers settings.ntp.servers");
    Path script =
        Files.writeString(
            shared.resolve("broken.sh"),
            "#!/bin/sh\necho \"broken: settings.network.hostname has no value to carry over\" >&2\nexit 1\n");
    failing = pack("broken", "--executable", script.toString());
  }

  private static Path pack(String name, String... source) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--version",
                "1.1.0",
                "--name",
                name,
                "--outdir",
                shared.resolve("migrations").toString()));
    args.addAll(List.of(source));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(
        0,
        new MigrationPack(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args),
        err.toString(StandardCharsets.UTF_8));
    return Path.of(out.toString(StandardCharsets.UTF_8).strip());
  }

  /**
   * A repository on loopback with 1.0.0, and 1.1.0 carrying {@code migration} on the hop from
   * 1.0.0.
   */
  private RepoFixture repo(Path migration) throws Exception {
    RepoFixture repo = new RepoFixture(tmp.resolve("repo"));
    repo.publishFiles("1.0.0", v100, Map.of());
    String name = migration.getFileName().toString();
    repo.publishFiles("1.1.0", v110, List.of(migration), Map.of("(1.0.0, 1.1.0)", List.of(name)));
    return repo;
  }

  private static void ok(Result r) {
    assertEquals(0, r.code(), r.out() + r.err());
  }

  private static JsonNode settings(SimulatedHost host) throws Exception {
    Result r = host.datastore("--json", "list");
    ok(r);
    return JSON.readTree(r.out());
  }

  /** A host on 1.0.0 whose user changed two settings, updated to 1.1.0 (not yet booted). */
  private static SimulatedHost updatedHost(Path dir, RepoFixture repo) throws Exception {
    SimulatedHost host = SimulatedHost.create(dir, "1.0.0", repo);
    ok(host.datastore("set", "settings.motd", "\"Hello from the e2e test\""));
    ok(host.datastore("set", "settings.ntp.time-servers", "[\"time.example.com\"]"));
    Result update = host.updog("update");
    ok(update);
    assertEquals("Update applied: aws-k8s 1.1.0\n", update.out());
    return host;
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void settingsMigrateForwardAtTheBootInto110AndBackAtTheRollback() throws Exception {
    try (RepoFixture repo = repo(migration)) {
      SimulatedHost host = updatedHost(tmp.resolve("host"), repo);
      JsonNode before = settings(host);
      assertEquals("Hello from the e2e test", before.get("settings.motd").asText());
      assertEquals("[\"time.example.com\"]", before.get("settings.ntp.time-servers").toString());
      assertEquals("1.0.0", host.datastore("version").out().split(" ")[0]);

      // §3.6: updog cached the migration and manifest.json by hash, and the metadata with the root
      // chain.
      List<String> cached = names(host.dir.resolve("var/lib/bottlerocket-migrations"));
      assertEquals(2, cached.size(), cached.toString());
      assertTrue(
          cached.stream()
              .anyMatch(n -> n.matches("[0-9a-f]{64}\\." + MIGRATION.replace(".", "\\."))),
          cached.toString());
      assertTrue(
          cached.stream().anyMatch(n -> n.matches("[0-9a-f]{64}\\.manifest\\.json")),
          cached.toString());
      List<String> metadata = names(host.dir.resolve("var/cache/bottlerocket-metadata"));
      assertTrue(
          metadata.containsAll(List.of("1.root.json", "timestamp.json"))
              && metadata.stream().anyMatch(n -> n.matches("[0-9]+\\.snapshot\\.json"))
              && metadata.stream().anyMatch(n -> n.matches("[0-9]+\\.targets\\.json")),
          metadata.toString());

      Result boot = host.boot();
      ok(boot);
      assertTrue(
          boot.out().contains("booted set B")
              && boot.out().contains("datastore migrated from 1.0.0 to 1.1.0"),
          boot.out());
      assertTrue(boot.err().contains("migrator: running " + MIGRATION + " --forward"), boot.err());
      assertEquals("1.1.0", host.versionId());
      JsonNode after = settings(host);
      assertEquals(
          "integrity",
          after.get("settings.kernel.lockdown").asText(),
          "the new setting, with its default");
      assertEquals(
          "[\"time.example.com\"]",
          after.get("settings.ntp.servers").toString(),
          "the renamed setting");
      assertFalse(after.has("settings.ntp.time-servers"), after.toString());
      assertEquals(before.get("settings.motd"), after.get("settings.motd"));
      assertEquals("1.1.0", host.datastore("version").out().split(" ")[0]);

      ok(host.signpost("mark-successful-boot"));
      ok(host.signpost("rollback-to-inactive"));
      boot = host.boot();
      ok(boot);
      assertTrue(
          boot.out().contains("booted set A")
              && boot.out().contains("datastore migrated from 1.1.0 to 1.0.0"),
          boot.out());
      assertTrue(boot.err().contains("migrator: running " + MIGRATION + " --backward"), boot.err());
      assertEquals("1.0.0", host.versionId());
      assertEquals(before, settings(host), "the settings read back exactly as before");
      assertEquals("1.0.0", host.datastore("version").out().split(" ")[0]);
    }
  }

  @Test
  void aFailingMigrationFailsTheBootAndLeavesTheHostOnItsOldDatastore() throws Exception {
    try (RepoFixture repo = repo(failing)) {
      SimulatedHost host = updatedHost(tmp.resolve("host"), repo);
      JsonNode before = settings(host);
      Path current = host.dir.resolve("var/lib/bottlerocket/datastore/current");
      Path datastore = current.toRealPath();

      Result boot = host.boot();
      assertEquals(1, boot.code(), boot.out() + boot.err());
      assertTrue(
          boot.err()
              .contains(
                  "host: boot failed: migration failed (migrator exit 1), the datastore is unchanged: "
                      + "Migration "
                      + FAILING
                      + " failed with exit code 1:\nbroken: settings.network.hostname has no value to carry over"),
          boot.err());
      assertFalse(Files.exists(host.dir.resolve("usr/lib/os-release")), "the host is not up");
      assertEquals(datastore, current.toRealPath(), "current still points at the 1.0.0 datastore");
      assertEquals(before, settings(host));

      // 1.1.0 spent its one try: the next boot is 1.0.0 again, on the same datastore, with nothing
      // to migrate.
      boot = host.boot();
      ok(boot);
      assertTrue(boot.out().contains("booted set A"), boot.out());
      assertEquals("1.0.0", host.versionId());
      assertEquals(datastore, current.toRealPath());
      assertEquals(before, settings(host));
    }
  }
}
