package dev.keel.tuf.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code openssl} command line tool, for interop tests that skip when it is not installed. */
final class OpenSsl {
  private OpenSsl() {}

  static boolean available() {
    try {
      return new Result(start(Path.of("."), "version")).exitCode == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs {@code openssl args...} in {@code dir}; returns stdout or throws with stderr. */
  static byte[] run(Path dir, String... args) throws IOException {
    Result r = new Result(start(dir, args));
    if (r.exitCode != 0) {
      throw new IOException(
          "openssl " + String.join(" ", args) + " failed (" + r.exitCode + "): " + r.stderr);
    }
    return r.stdout;
  }

  /** Runs {@code openssl args...} and returns its exit code. */
  static int exitCode(Path dir, String... args) throws IOException {
    return new Result(start(dir, args)).exitCode;
  }

  private static Process start(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile()).start();
  }

  private static final class Result {
    final int exitCode;
    final byte[] stdout;
    final String stderr;

    Result(Process p) throws IOException {
      p.getOutputStream().close();
      // Drain stderr concurrently so that neither pipe can fill up and block openssl.
      java.util.concurrent.CompletableFuture<byte[]> err =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                  return new byte[0];
                }
              });
      stdout = p.getInputStream().readAllBytes();
      try {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IOException("openssl timed out");
        }
        stderr = new String(err.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IOException("reading openssl's error output", e);
      }
      exitCode = p.exitValue();
    }
  }
}
