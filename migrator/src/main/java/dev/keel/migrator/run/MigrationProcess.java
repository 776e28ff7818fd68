package dev.keel.migrator.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one migration executable as a child process with exactly the arguments of §5.5, its stdout
 * and stderr captured to files in a private directory and read back once it has exited.
 */
public final class MigrationProcess {
  /** The most of each stream kept (its end, where the error usually is). */
  static final int MAX_OUTPUT = 64 * 1024;

  private final Path outputDir;

  /**
   * @param outputDir a private directory for the captured output
   */
  public MigrationProcess(Path outputDir) {
    this.outputDir = outputDir;
  }

  public ProcessOutcome run(Path executable, String flag, Path source, Path target)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            executable.toString(),
            flag,
            "--source-datastore",
            source.toString(),
            "--target-datastore",
            target.toString());
    Path out = Files.createTempFile(outputDir, "stdout-", "");
    Path err = Files.createTempFile(outputDir, "stderr-", "");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      Process p = start(pb);
      int code = p.waitFor();
      return new ProcessOutcome(code, tail(out), tail(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * Starts the process. A file just written and closed can still be "busy" for exec (ETXTBSY) while
   * another thread's fork holds a copy of its descriptor; that passes, so it is retried.
   */
  private static Process start(ProcessBuilder pb) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return pb.start();
      } catch (IOException e) {
        if (attempt == 5 || e.getMessage() == null || !e.getMessage().contains("error=26")) {
          throw e;
        }
        Thread.sleep(20L * attempt);
      }
    }
  }

  private static String tail(Path file) throws IOException {
    long size = Files.size(file);
    byte[] bytes;
    try (var ch = java.nio.channels.FileChannel.open(file)) {
      long start = Math.max(0, size - MAX_OUTPUT);
      bytes = new byte[(int) (size - start)];
      var buf = java.nio.ByteBuffer.wrap(bytes);
      ch.position(start);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // keep reading
      }
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    return size > MAX_OUTPUT ? "[...]" + text : text;
  }
}
