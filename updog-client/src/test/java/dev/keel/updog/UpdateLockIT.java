package dev.keel.updog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.updog.TestHost.Result;
import dev.keel.updog.error.LockHeldException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The update lock, held by a real second process. */
class UpdateLockIT {
  @TempDir Path tmp;

  private static Process holder(Path lock) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                lock.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("locked", out.readLine());
    return p;
  }

  private static TestHost host(Path dir) throws Exception {
    // The repository is unreachable: update-revert needs none, and the lock comes first anyway.
    return TestHost.create(
        dir,
        "1.0.0",
        "{}".getBytes(StandardCharsets.UTF_8),
        "http://127.0.0.1:9/m/",
        "http://127.0.0.1:9/t/");
  }

  @Test
  void aSecondUpdogFailsAtOnceWhileOneRuns() throws Exception {
    TestHost host = host(tmp.resolve("host"));
    Path lock = HostPaths.of(host.dir).lockFile();
    Process p = holder(lock);
    try {
      Result r = host.updog("update-revert");
      assertEquals(1, r.code());
      assertTrue(
          r.err().contains("another updog is running (process " + p.pid() + " holds " + lock + ")"),
          r.err());
      assertTrue(r.err().contains("--wait"), r.err());
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  @Test
  void waitWaitsForTheHolder() throws Exception {
    TestHost host = host(tmp.resolve("host"));
    Process p = holder(HostPaths.of(host.dir).lockFile());
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    UpdogEnvironment env =
        new UpdogEnvironment(
            java.time.Clock.systemUTC(),
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
            new java.io.PrintStream(err, true),
            java.util.Map.of(),
            false,
            host.dir,
            "x86_64",
            dev.keel.tuf.transport.HttpSettings.defaults());
    CompletableFuture<Integer> waiting =
        CompletableFuture.supplyAsync(
            () ->
                Updog.run(
                    env,
                    List.of(
                        "--root",
                        host.dir.toString(),
                        "--disk",
                        host.disk.toString(),
                        "update-revert",
                        "--wait")));
    String expected = "waiting for process " + p.pid();
    for (int i = 0; i < 300 && !err.toString(StandardCharsets.UTF_8).contains(expected); i++) {
      Thread.sleep(100);
    }
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains(expected),
        err.toString(StandardCharsets.UTF_8));
    Thread.sleep(200);
    assertTrue(!waiting.isDone(), "still waiting while the lock is held");
    p.getOutputStream().close(); // the holder exits and the kernel drops its lock
    assertEquals(0, waiting.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aKilledHolderNeverBlocks() throws Exception {
    TestHost host = host(tmp.resolve("host"));
    Path lock = HostPaths.of(host.dir).lockFile();
    Process p = holder(lock);
    p.destroyForcibly().waitFor();
    assertEquals(
        List.of(String.valueOf(p.pid())),
        Files.readAllLines(lock),
        "the stale file is still there");
    Result r = host.updog("update-revert");
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void theSameProcessCannotTakeItTwice() throws Exception {
    Path lock = tmp.resolve("run/lock/updog.lock");
    Diagnostics log = new Diagnostics(System.err, LogLevel.ERROR);
    try (UpdateLock first = UpdateLock.acquire(lock, false, log)) {
      LockHeldException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              LockHeldException.class, () -> UpdateLock.acquire(lock, false, log));
      assertTrue(
          e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
    }
    UpdateLock.acquire(lock, false, log).close();
  }
}
