package dev.keel.updog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.partition.GptPrio;
import dev.keel.partition.SetSelect;
import dev.keel.partition.Tool;
import dev.keel.updog.TestHost.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real updog process SIGKILLed at a random moment of {@code update-image}: afterwards the old set
 * still boots, the GPT passes {@code sgdisk -v}, and a rerun of {@code updog update} succeeds.
 * {@value #DEFAULT_ROUNDS} rounds in the suite; more with
 * {@code ./mvnw -pl updog-client -am verify -Dtest=UpdateImageKillTest -Dsurefire.failIfNoSpecifiedTests=false -Dupdog.killRounds=200}.
 */
class UpdateImageKillTest {
  static final int DEFAULT_ROUNDS = 4;
  // A root image that takes long enough to write that kills land inside it, too.
  static final Release V110 = Release.of("1.1.0", 20 << 20);
  @TempDir static Path shared;
  static RepoFixture repo;
  @TempDir Path tmp;

  @BeforeAll
  static void publish() throws Exception {
    repo = new RepoFixture(shared.resolve("repo"));
    repo.publish("1.0.0", Release.of("1.0.0"), Map.of(), Map.of());
    repo.publish("1.1.0", V110, Map.of(), Map.of("(1.0.0, 1.1.0)", List.of()));
  }

  @AfterAll
  static void stop() throws Exception {
    repo.close();
  }

  private static Process updogProcess(TestHost host, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-cp", System.getProperty("java.class.path"), Updog.class.getName(),
        "--root", host.dir.toString(), "--disk", host.disk.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void killedAnywhereTheOldSetStillBootsAndARerunSucceeds() throws Exception {
    int rounds = Integer.getInteger("updog.killRounds", DEFAULT_ROUNDS);
    long seed = Long.getLong("updog.killSeed", System.nanoTime());
    Random random = new Random(seed);
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int round = 0; round < rounds; round++) {
      TestHost host = TestHost.create(tmp.resolve("host-" + round), "1.0.0", repo);
      // A first run on a fresh host leaves set B valid, so the next one clears it first.
      if (round % 2 == 1) {
        assertEquals(0, host.updog("update-image").code());
      }
      Process p = updogProcess(host, "update-image");
      long delay = random.nextInt(2500);
      if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
        outcomes.merge("finished before the kill", 1, Integer::sum);
      } else {
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        GptPrio b = host.prio(SetSelect.B);
        outcomes.merge(b.triesLeft() == 0 ? "killed while set B was cleared" : "killed while set B was valid (before the clear or after the final mark)", 1,
            Integer::sum);
      }
      String context = "round " + round + " (seed " + seed + ", kill after " + delay + " ms)";
      assertEquals(SetSelect.A, host.state().next().orElseThrow(), context + ": the old set boots next");
      assertEquals(0, host.prio(SetSelect.B).priority(), context);
      Tool.verified(host.disk.toString());
      Result rerun = host.updog("update");
      assertEquals(0, rerun.code(), context + ": " + rerun.err());
      assertEquals(SetSelect.B, host.state().next().orElseThrow(), context);
      assertArrayEquals(V110.rawRoot(), host.read(SetSelect.B, "root", V110.rawRoot().length), context);
      Tool.verified(host.disk.toString());
    }
    System.out.println("UpdateImageKillTest: " + rounds + " rounds, seed " + seed + ": " + outcomes);
  }
}
