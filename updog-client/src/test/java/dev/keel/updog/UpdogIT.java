package dev.keel.updog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.keel.partition.GptPrio;
import dev.keel.partition.SetSelect;
import dev.keel.updog.TestHost.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** updog against a real repo-server on loopback, on a host directory with a real GPT disk image. */
class UpdogIT {
  static final byte[] MIGRATION = "#!/bin/sh\necho migrate\n".getBytes(StandardCharsets.US_ASCII);
  static final Release V110 = Release.of("1.1.0");
  @TempDir static Path shared;
  static RepoFixture repo;

  @TempDir Path tmp;

  @BeforeAll
  static void publish() throws Exception {
    repo = new RepoFixture(shared.resolve("repo"));
    repo.publish("1.0.0", Release.of("1.0.0"), Map.of(), Map.of());
    repo.publish(
        "1.1.0",
        V110,
        Map.of("migrate_1.1.0_a.lz4", MIGRATION),
        Map.of("(1.0.0, 1.1.0)", List.of("migrate_1.1.0_a.lz4"), "(1.1.0, 1.2.0)", List.of()));
  }

  @AfterAll
  static void stop() throws Exception {
    repo.close();
  }

  private TestHost host(String version) throws Exception {
    return TestHost.create(tmp.resolve("host"), version, repo);
  }

  @Test
  void checkUpdatePrintsVariantAndVersion() throws Exception {
    TestHost host = host("1.0.0");
    Result r = host.updog("check-update");
    assertEquals(0, r.code(), r.err());
    assertEquals("aws-k8s 1.1.0\n", r.out());
    Result json = host.updog("whats", "--json");
    assertEquals("1.1.0", repo.json(json.out()).get("version").asText());
    Result all = host.updog("check-update", "--all");
    assertEquals("aws-k8s 1.1.0\naws-k8s 1.0.0\n", all.out(), "results on stdout, newest first");
    assertEquals(2, repo.json(host.updog("check-update", "-a", "-j").out()).size());
    assertTrue(
        Files.isRegularFile(host.dir.resolve("var/lib/updog/timestamp.json")),
        "trusted metadata kept between runs");
  }

  @Test
  void nothingToDoExitsThree() throws Exception {
    TestHost host = host("1.1.0");
    Result r = host.updog("check-update");
    assertEquals(3, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains("No update available"), r.err());
    Result u = host.updog("update");
    assertEquals(3, u.code());
    assertTrue(u.err().contains("No update required"), u.err());
    assertEquals(
        0, host.updog("check-update", "--image", "1.0.0").code(), "--image may pick a downgrade");
  }

  @Test
  void updateWritesTheInactiveSetAndBootsItNext() throws Exception {
    TestHost host = host("1.0.0");
    Result r = host.updog("update");
    assertEquals(0, r.code(), r.err());
    assertEquals("Update applied: aws-k8s 1.1.0\n", r.out());
    assertTrue(r.err().contains("Starting update to 1.1.0"), r.err());
    assertArrayEquals(V110.rawRoot(), host.read(SetSelect.B, "root", V110.rawRoot().length));
    assertArrayEquals(V110.rawBoot(), host.read(SetSelect.B, "boot", V110.rawBoot().length));
    assertArrayEquals(V110.rawHash(), host.read(SetSelect.B, "hash", V110.rawHash().length));
    GptPrio b = host.prio(SetSelect.B);
    assertEquals(2, b.priority());
    assertEquals(1, b.triesLeft());
    assertFalse(b.successful());
    assertEquals(1, host.prio(SetSelect.A).priority());
    assertEquals(SetSelect.B, host.state().next().orElseThrow());

    Result revert = host.updog("update-revert");
    assertEquals(0, revert.code(), revert.err());
    assertEquals("Update reverted: next boot from set A\n", revert.out());
    assertEquals(0, host.prio(SetSelect.B).priority());
    assertEquals(1, host.prio(SetSelect.B).triesLeft(), "tries left as they were");
    Result apply = host.updog("update-apply", "--json");
    assertEquals(0, apply.code(), apply.err());
    assertEquals("B", repo.json(apply.out()).get("next").asText());
  }

  @Test
  void updateImageStopsBeforeTheFlagsAndApplyNeedsNoNetwork() throws Exception {
    TestHost host = host("1.0.0");
    Result r = host.updog("update-image", "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals("1.1.0", repo.json(r.out()).get("version").asText());
    GptPrio b = host.prio(SetSelect.B);
    assertEquals(0, b.priority());
    assertEquals(1, b.triesLeft());
    // Without a reachable repository (the URLs point at a closed port) apply still works.
    host.writeConfig(
        "metadata_base_url = \"http://127.0.0.1:9/m/\"\ntargets_base_url = \"http://127.0.0.1:9/t/\"\n"
            + "seed = 1\nversion_lock = \"latest\"\nignore_waves = false\n");
    Result apply = host.updog("update-apply");
    assertEquals(0, apply.code(), apply.err());
    assertEquals(2, host.prio(SetSelect.B).priority());
    Result again = host.updog("update-apply");
    assertEquals(1, again.code());
    assertTrue(again.err().contains("already marked for upgrade"), again.err());
  }

  @Test
  void rebootRunsTheRebootCommandAfterTheUpdate() throws Exception {
    TestHost host = host("1.0.0");
    Path marker = tmp.resolve("rebooted");
    Result r = host.updog("update", "--reboot", "--reboot-command", "touch " + marker);
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(marker));
    assertEquals(
        SetSelect.B, host.state().next().orElseThrow(), "the flags were written before the reboot");
    Result failed = host.updog("update-apply", "-r", "--reboot-command", "false");
    assertEquals(1, failed.code(), "already applied");
    Result revert = host.updog("update-revert");
    assertEquals(0, revert.code(), revert.err());
    Result badReboot = host.updog("update-apply", "-r", "--reboot-command", "false");
    assertEquals(1, badReboot.code());
    assertTrue(badReboot.err().contains("reboot command 'false' exited 1"), badReboot.err());
    assertEquals(SetSelect.B, host.state().next().orElseThrow(), "the flags stay applied");
  }

  @Test
  void migrationsAndMetadataAreCachedForTheMigrator() throws Exception {
    TestHost host = host("1.0.0");
    assertEquals(0, host.updog("update-image").code());
    Path migrations = host.dir.resolve("var/lib/bottlerocket-migrations");
    assertArrayEquals(
        MIGRATION,
        Files.readAllBytes(
            migrations.resolve(repo.targetFile("migrate_1.1.0_a.lz4").getFileName())));
    try (var files = Files.list(migrations)) {
      List<Path> manifests =
          files
              .filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}\\.manifest\\.json"))
              .toList();
      assertEquals(1, manifests.size(), manifests.toString());
      String sha =
          java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(Files.readAllBytes(manifests.get(0))));
      assertEquals(
          sha + ".manifest.json", manifests.get(0).getFileName().toString(), "<sha256>.<name>");
    }
    Path metadata = host.dir.resolve("var/cache/bottlerocket-metadata");
    assertTrue(Files.exists(metadata.resolve("1.root.json")));
    assertTrue(Files.exists(metadata.resolve("timestamp.json")));
    try (var files = Files.list(metadata)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertTrue(
          names.stream().anyMatch(n -> n.matches("\\d+\\.snapshot\\.json")), names.toString());
      assertTrue(
          names.stream().anyMatch(n -> n.matches("\\d+\\.targets\\.json")), names.toString());
    }
  }

  @Test
  void everyRequestCarriesTheQueryParameters() throws Exception {
    WireMockServer proxy =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    proxy.start();
    try {
      proxy.stubFor(
          any(anyUrl())
              .willReturn(
                  aResponse().proxiedFrom(repo.targetsUrl().replaceFirst("/targets/$", ""))));
      String base = "http://127.0.0.1:" + proxy.port();
      TestHost host =
          TestHost.create(
              tmp.resolve("host"),
              "1.0.0",
              repo.root(),
              base + "/metadata/" + RepoFixture.VARIANT + "/" + RepoFixture.ARCH + "/",
              base + "/targets/");
      assertEquals(0, host.updog("update-image").code());
      List<String> urls =
          proxy.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList();
      assertTrue(
          urls.stream().allMatch(u -> u.contains("seed=1234") && u.contains("version=1.0.0")),
          urls.toString());
      String image =
          urls.stream().filter(u -> u.contains("1.1.0-root.ext4.lz4")).findFirst().orElseThrow();
      assertTrue(
          image.endsWith(
              "?migrations=migrate_1.1.0_a.lz4%2Cmanifest.json&seed=1234&target=1.1.0&version=1.0.0"),
          "sorted by key, target and migrations added as the update goes: " + image);
    } finally {
      proxy.stop();
    }
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    TestHost host = host("1.0.0");
    assertEquals(2, host.updog("check-updates").code());
    assertEquals(2, host.updog("update", "--image", "one").code());
    assertEquals(2, host.updog("update", "-t").code(), "the removed --timestamp flag");
    assertEquals(2, host.updog("check-update", "--log-level", "loud").code());
  }

  // ---- bad input: each a clear error, exit 1, and nothing marked bootable ----

  private static void assertFailedSafely(TestHost host, Result r, String message) throws Exception {
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    GptPrio b = host.prio(SetSelect.B);
    assertFalse(b.willBoot(), "inactive set must not be bootable: " + b);
    assertEquals(SetSelect.A, host.state().next().orElseThrow());
  }

  @Test
  void unknownVariant() throws Exception {
    TestHost host = host("1.0.0");
    assertFailedSafely(
        host, host.updog("update", "--variant", "metal-dev"), "no release for variant 'metal-dev'");
  }

  @Test
  void corruptUpdogToml() throws Exception {
    TestHost host = host("1.0.0");
    host.writeConfig("metadata_base_url = \"" + repo.metadataUrl() + "\"\nseed = \"many\"\n");
    Result r = host.updog("update");
    assertFailedSafely(host, r, "updog.toml");
    host.writeConfig("metadata_base_url = [");
    assertFailedSafely(host, host.updog("update"), "not valid TOML");
  }

  @Test
  void expiredMetadata() throws Exception {
    TestHost host = host("1.0.0");
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(60));
    assertFailedSafely(host, host.updog(later, "update"), "expired");
  }
}
