package dev.keel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.e2e.SimulatedHost.Result;
import dev.keel.partition.GptPrio;
import dev.keel.partition.SetSelect;
import dev.keel.partition.Tool;
import dev.keel.updog.RepoFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's "done means": releases built by the simulated host (ext4 root images, LZ4), published
 * through a real repo-server on loopback, installed by updog, booted by the GRUB model.
 */
class UpdateCycleIT {
  @TempDir static Path shared;
  static RepoFixture repo;
  @TempDir Path tmp;

  @BeforeAll
  static void publish() throws Exception {
    repo = new RepoFixture(shared.resolve("repo"));
    repo.publishFiles("1.0.0", SimulatedHost.images(shared.resolve("v100"), "1.0.0"), Map.of());
    repo.publishFiles(
        "1.1.0",
        SimulatedHost.images(shared.resolve("v110"), "1.1.0"),
        Map.of("(1.0.0, 1.1.0)", List.of()));
  }

  @AfterAll
  static void stop() throws Exception {
    repo.close();
  }

  private static void ok(Result r) {
    assertEquals(0, r.code(), r.out() + r.err());
  }

  /** Creates a host on 1.0.0, updates it to 1.1.0 and boots that once. */
  private SimulatedHost updatedAndBooted() throws Exception {
    SimulatedHost host = SimulatedHost.create(tmp.resolve("host"), "1.0.0", repo);
    assertEquals("1.0.0", host.versionId());
    Result check = host.updog("check-update");
    ok(check);
    assertEquals("aws-k8s 1.1.0\n", check.out());
    Result update = host.updog("update");
    ok(update);
    assertEquals("Update applied: aws-k8s 1.1.0\n", update.out());
    GptPrio b = host.prio(SetSelect.B);
    assertEquals(1, b.triesLeft(), b.toString());
    assertEquals(2, b.priority(), b.toString());
    Result boot = host.boot();
    ok(boot);
    assertTrue(boot.out().contains("booted set B"), boot.out());
    assertEquals("1.1.0", host.versionId(), "the booted ROOT-B image's os-release");
    assertEquals(0, host.prio(SetSelect.B).triesLeft(), "GRUB spent the one try");
    Tool.verified(host.disk().toString());
    return host;
  }

  @Test
  void updateBootMarkSuccessfulThenRollBack() throws Exception {
    SimulatedHost host = updatedAndBooted();
    assertEquals(3, host.updog("check-update").code(), "1.1.0 runs now: nothing to do");
    ok(host.signpost("mark-successful-boot"));
    assertTrue(host.prio(SetSelect.B).successful());
    ok(host.boot());
    assertEquals("1.1.0", host.versionId(), "a successful 1.1.0 keeps booting");
    ok(host.signpost("rollback-to-inactive"));
    Result boot = host.boot();
    ok(boot);
    assertTrue(boot.out().contains("booted set A"), boot.out());
    assertEquals("1.0.0", host.versionId());
    Tool.verified(host.disk().toString());
  }

  @Test
  void anUnsuccessfulUpdateFallsBackByItself() throws Exception {
    SimulatedHost host = updatedAndBooted();
    // 1.1.0 never reaches mark-successful-boot: the next boot falls back to A, and its datastore
    // with it.
    Result boot = host.boot();
    ok(boot);
    assertTrue(boot.out().contains("booted set A"), boot.out());
    assertTrue(boot.out().contains("datastore migrated from 1.1.0 to 1.0.0"), boot.out());
    assertEquals("1.0.0", host.versionId());
    assertFalse(host.prio(SetSelect.B).willBoot());
    assertEquals("aws-k8s 1.1.0\n", host.updog("check-update").out(), "1.1.0 is offered again");
  }
}
