package dev.keel.host;

import dev.keel.migrator.HostPaths;
import dev.keel.migrator.Migrator;
import dev.keel.tuf.storage.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * {@code migrator.service}: moves the settings datastore to the booted version before the host is
 * up, with the original unit's command line under the host prefix, then {@code --root DIR} so that
 * os-release is the booted one.
 *
 * <p>The migrator runs in this JVM ({@link Migrator#run}, the whole program behind its {@code
 * main}). A child JVM would add its start to every boot (0.2 s for {@code bin/migrator} with
 * nothing to do, more once it loads the TUF client cold) and test nothing more: the migrator's
 * crash safety is tested with SIGKILL in its own module, and the migrations it runs are child
 * processes either way, as on a host.
 *
 * <p>Its log goes to the console's {@code err}, then its result line to {@code out}. A failed
 * migration fails the boot: the migrator has left the datastore links untouched, the host reads as
 * not running, and since the tries decrement is already written, the next boot falls back to the
 * old set, whose version the datastore still has.
 */
final class MigratorStep implements BootStep {
  @Override
  public String name() {
    return "migrator";
  }

  /** The original unit's arguments, each host path under {@code dir}. */
  static List<String> arguments(Path dir) {
    HostPaths p = HostPaths.under(dir);
    return List.of(
        "--datastore-path",
        p.datastore().toString(),
        "--migration-directory",
        p.migrations().toString(),
        "--root-path",
        p.trustedRoot().toString(),
        "--metadata-directory",
        p.metadata().toString(),
        "--migrate-to-version-from-os-release",
        "--root",
        dir.toString());
  }

  @Override
  public void run(BootedSystem system) throws HostException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new Migrator(
                Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new AtomicFiles(),
                new SecureRandom(),
                Path.of(System.getProperty("java.io.tmpdir")))
            .run(arguments(system.host().dir()));
    String diagnostics = err.toString(StandardCharsets.UTF_8);
    system.console().err().print(diagnostics);
    system.console().out().print(out.toString(StandardCharsets.UTF_8));
    if (code != 0) {
      throw new BootFailedException(
          "migration failed (migrator exit "
              + code
              + "), the datastore is unchanged: "
              + error(diagnostics));
    }
  }

  /**
   * The migrator's error: from the last line it starts with its name (ToolRunner's message) to the
   * end.
   */
  static String error(String stderr) {
    String text = stderr.strip();
    int at = text.startsWith("migrator: ") ? 0 : -1;
    int line = text.lastIndexOf("\nmigrator: ");
    if (line >= 0) {
      at = line + 1;
    }
    return at < 0 ? text : text.substring(at + "migrator: ".length());
  }
}
