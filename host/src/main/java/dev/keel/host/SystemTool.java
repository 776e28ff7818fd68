package dev.keel.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs mkfs.ext4 and debugfs (e2fsprogs), the way the image build and a test bench would. */
final class SystemTool {
  private SystemTool() {}

  /** Standard output and standard error of a finished command. */
  record Output(int exit, String stdout, String stderr) {}

  static Output run(List<String> command, Map<String, String> env) throws ToolFailedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                  return new byte[0];
                }
              });
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = p.waitFor();
      return new Output(exit, out, new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ToolFailedException(
          command, "cannot run it (" + e.getMessage() + "); install e2fsprogs");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolFailedException(command, "interrupted");
    }
  }

  /** Runs {@code command}, which must exit 0; returns its standard output. */
  static String ok(List<String> command, Map<String, String> env) throws ToolFailedException {
    Output o = run(command, env);
    if (o.exit() != 0) {
      throw new ToolFailedException(command, "exited " + o.exit() + ": " + o.stderr().strip());
    }
    return o.stdout();
  }
}
