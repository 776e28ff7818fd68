package dev.keel.migration;

import dev.keel.cli.ExitCode;
import dev.keel.cli.KeelVersion;
import dev.keel.cli.ToolRunner;
import dev.keel.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of every migration executable (§5.5 of the update-system spec): {@code
 * --source-datastore PATH --target-datastore PATH} and exactly one of {@code --forward} or {@code
 * --backward}, in any order. A missing or unknown argument is a usage error (exit 2), as are equal
 * source and target paths; a failed migration exits 1 with its message.
 *
 * <p>A migration's whole {@code main}:
 *
 * <pre>
 * public static void main(String[] args) {
 *   Migrations.main(args, new AddSetting("settings.motd", "Welcome"), new RenameSetting("settings.a", "settings.b"));
 * }
 * </pre>
 */
public final class Migrations {
  private Migrations() {}

  /** Runs the migrations in order (backward in reverse) and exits the JVM with the result. */
  public static void main(String[] args, Migration... steps) {
    System.exit(run(List.of(args), System.out, System.err, Migration.sequence(steps)));
  }

  /** Parses {@code args}, runs {@code migration}, and returns the exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err, Migration migration) {
    return new ToolRunner("migration", Clock.systemUTC(), out, err)
        .execute(new Cli(migration), args);
  }

  @Command(
      name = "migration",
      mixinStandardHelpOptions = true,
      versionProvider = KeelVersion.class,
      description = "Migrates a settings datastore to a new directory.")
  static final class Cli implements Callable<Integer> {
    private final Migration migration;

    static final class Way {
      @Option(names = "--forward", required = true, description = "migrate to the newer version")
      boolean forward;

      @Option(names = "--backward", required = true, description = "migrate to the older version")
      boolean backward;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Way way;

    @Option(
        names = "--source-datastore",
        required = true,
        paramLabel = "PATH",
        description = "datastore to read")
    Path source;

    @Option(
        names = "--target-datastore",
        required = true,
        paramLabel = "PATH",
        description = "new datastore to write")
    Path target;

    Cli(Migration migration) {
      this.migration = migration;
    }

    @Override
    public Integer call() throws Exception {
      if (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
        throw new UsageException("--source-datastore and --target-datastore cannot be the same");
      }
      DatastoreMigration.run(
          migration,
          new MigrationArgs(way.forward ? Direction.FORWARD : Direction.BACKWARD, source, target));
      return ExitCode.OK;
    }
  }
}
