package dev.keel.migrator.run;

import dev.keel.migrator.DatastorePlan;
import dev.keel.migrator.MigratorException;
import dev.keel.migrator.MigratorException.MigrationFailed;
import dev.keel.migrator.MigratorException.WroteOutsideTarget;
import dev.keel.migrator.datastore.DatastoreCleanup;
import dev.keel.migrator.datastore.DatastoreNames;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.storage.FileSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * §5.4 step 6: runs verified migration executables one after the other, each from the previous
 * output into a fresh sibling directory {@code v<target>_<random>} that the migration creates. The
 * previous intermediate directory is removed once the next one succeeded. On failure nothing is
 * removed: the failed directory and the last good one stay for diagnosis, and the links are not
 * touched (this class never changes them, and puts back any a migration changed).
 */
public final class MigrationRunner {
  /** A migration to run: its target name and its verified, decompressed, private executable. */
  public record Executable(String name, Path file) {}

  private final MigrationProcess process;
  private final DatastoreNames names;
  private final FileSink sink;
  private final PrintStream log;
  private final boolean verbose;

  public MigrationRunner(
      MigrationProcess process,
      DatastoreNames names,
      FileSink sink,
      PrintStream log,
      boolean verbose) {
    this.process = process;
    this.names = names;
    this.sink = sink;
    this.log = log;
    this.verbose = verbose;
  }

  /**
   * Runs {@code executables} in order from {@code source}.
   *
   * @return the final datastore directory (a sibling of {@code source})
   * @throws MigrationFailed if one exits non-zero, with its stderr
   * @throws WroteOutsideTarget if one changed anything but its target
   * @throws MigratorException.MadeNoDatastore if one exited 0 without making a datastore
   */
  public Path run(DatastorePlan plan, Path source, List<Executable> executables)
      throws MigratorException, IOException, InterruptedException {
    Path dir = source.getParent();
    Path from = source;
    Path intermediate = null;
    // Recorded once: the datastore current points to must not change during the whole run.
    DatastoreGuard guard = DatastoreGuard.record(dir, source);
    Set<String> created = new HashSet<>();
    for (Executable exe : executables) {
      Path target = dir.resolve(names.newDirectory(plan.to()));
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("fresh datastore directory " + target + " already exists");
      }
      created.add(target.getFileName().toString());
      log.println(
          "migrator: running "
              + exe.name()
              + " "
              + plan.flag()
              + " "
              + from.getFileName()
              + " -> "
              + target.getFileName());
      ProcessOutcome outcome = process.run(exe.file(), plan.flag(), from, target);
      if (verbose && !outcome.stdout().isBlank()) {
        log.println(indent(exe.name() + " stdout", outcome.stdout()));
      }
      if (!outcome.stderr().isBlank()) {
        log.println(indent(exe.name() + " stderr", outcome.stderr()));
      }
      List<String> changes = guard.changes(created);
      if (!changes.isEmpty()) {
        restoreLinks(dir, guard.links());
        throw new WroteOutsideTarget(exe.name(), target + ": " + String.join(", ", changes));
      }
      if (outcome.exitCode() != 0) {
        throw new MigrationFailed(exe.name(), outcome.exitCode(), outcome.stderr());
      }
      if (!Files.isDirectory(target.resolve("live"), LinkOption.NOFOLLOW_LINKS)) {
        throw new MigratorException.MadeNoDatastore(exe.name(), target);
      }
      if (intermediate != null) {
        try {
          DatastoreCleanup.deleteTree(intermediate);
        } catch (IOException e) {
          // The migration itself succeeded; a leftover directory is removed by a later cleanup.
          log.println(
              "migrator: warning: could not remove intermediate datastore "
                  + intermediate
                  + ": "
                  + e.getMessage());
        }
      }
      intermediate = target;
      from = target;
    }
    return from;
  }

  /** Puts back every link a migration changed or removed, as it was before. */
  private void restoreLinks(Path dir, Map<String, String> links) {
    for (var e : links.entrySet()) {
      Path link = dir.resolve(e.getKey());
      try {
        if (!Files.isSymbolicLink(link)
            || !Files.readSymbolicLink(link).toString().equals(e.getValue())) {
          sink.link(Path.of(e.getValue()), link, FileSink.LinkKind.SYMBOLIC);
          log.println("migrator: restored link " + link + " -> " + e.getValue());
        }
      } catch (IOException | StorageException ex) {
        log.println("migrator: error: could not restore link " + link + ": " + ex.getMessage());
      }
    }
  }

  private static String indent(String title, String text) {
    StringBuilder sb = new StringBuilder("migrator: " + title + ":");
    for (String line : text.strip().split("\n")) {
      sb.append("\n  ").append(line);
    }
    return sb.toString();
  }
}
