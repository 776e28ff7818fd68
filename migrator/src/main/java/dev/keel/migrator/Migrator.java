package dev.keel.migrator;

import dev.keel.cli.ExitCode;
import dev.keel.cli.KeelVersion;
import dev.keel.cli.ToolRunner;
import dev.keel.cli.UsageException;
import dev.keel.manifest.Direction;
import dev.keel.manifest.OsRelease;
import dev.keel.manifest.OsReleaseException;
import dev.keel.manifest.SemVer;
import dev.keel.migrator.datastore.DatastoreCleanup;
import dev.keel.migrator.datastore.DatastoreLinks;
import dev.keel.migrator.datastore.DatastoreNames;
import dev.keel.migrator.repository.CachedRepository;
import dev.keel.migrator.run.MigrationProcess;
import dev.keel.migrator.run.MigrationRunner;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.storage.FileSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrator}: at boot, moves the settings datastore to the booted OS version (§5.3, §5.4 of
 * the update-system spec) with migrations verified through the repository updog cached.
 *
 * <p>Exit codes: 0 migrated or nothing to do (also when there is no datastore yet, on first boot),
 * 1 error (the links are then untouched), 2 usage error.
 */
public final class Migrator {
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;
  private final FileSink sink;
  private final RandomGenerator random;
  private final Path tmp;

  /**
   * @param sink replaces the version links (tests pass one that dies at a chosen step)
   * @param tmp where the private directory for decompressed migrations is made
   */
  public Migrator(
      Clock clock,
      PrintStream out,
      PrintStream err,
      FileSink sink,
      RandomGenerator random,
      Path tmp) {
    this.clock = clock;
    this.out = out;
    this.err = err;
    this.sink = sink;
    this.random = random;
    this.tmp = tmp;
  }

  public static void main(String[] args) {
    System.exit(
        new Migrator(
                Clock.systemUTC(),
                System.out,
                System.err,
                new AtomicFiles(),
                new SecureRandom(),
                Path.of(System.getProperty("java.io.tmpdir")))
            .run(List.of(args)));
  }

  public int run(List<String> args) {
    return new ToolRunner("migrator", clock, out, err).execute(new Cli(), args);
  }

  enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
  }

  static final class Target {
    @Option(
        names = "--migrate-to-version",
        paramLabel = "X.Y.Z",
        required = true,
        description = "the version to migrate the datastore to")
    String version;

    @Option(
        names = "--migrate-to-version-from-os-release",
        required = true,
        description = "migrate to the VERSION_ID of os-release (the booted image)")
    boolean fromOsRelease;
  }

  @Command(
      name = "migrator",
      mixinStandardHelpOptions = true,
      versionProvider = KeelVersion.class,
      description =
          "Migrates the settings datastore to the booted OS version with TUF-verified migrations.",
      footer = {
        "",
        "Exit codes: 0 migrated or nothing to do, 1 error (datastore links untouched), 2 usage error."
      })
  final class Cli implements Callable<Integer> {
    @Option(
        names = "--datastore-path",
        paramLabel = "PATH",
        description =
            "the datastore's current link (default with --root: DIR/" + HostPaths.DATASTORE + ")")
    Path datastorePath;

    @Option(
        names = "--migration-directory",
        paramLabel = "PATH",
        description =
            "cached migration targets (default with --root: DIR/" + HostPaths.MIGRATIONS + ")")
    Path migrationDirectory;

    @Option(
        names = "--root-path",
        paramLabel = "PATH",
        description =
            "trusted root.json of the booted image (default with --root: DIR/"
                + HostPaths.TRUSTED_ROOT
                + ")")
    Path rootPath;

    @Option(
        names = "--metadata-directory",
        paramLabel = "PATH",
        description = "cached TUF metadata (default with --root: DIR/" + HostPaths.METADATA + ")")
    Path metadataDirectory;

    @Option(
        names = "--root",
        paramLabel = "DIR",
        description = "a simulated host: every host path is taken under DIR")
    Path root;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(
        names = "--log-level",
        paramLabel = "LEVEL",
        defaultValue = "info",
        description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE})")
    LogLevel logLevel;

    @Override
    public Integer call() throws Exception {
      HostPaths defaults = root == null ? null : HostPaths.under(root);
      HostPaths paths =
          new HostPaths(
              pick(
                  datastorePath,
                  defaults == null ? null : defaults.datastore(),
                  "--datastore-path"),
              pick(
                  migrationDirectory,
                  defaults == null ? null : defaults.migrations(),
                  "--migration-directory"),
              pick(
                  metadataDirectory,
                  defaults == null ? null : defaults.metadata(),
                  "--metadata-directory"),
              pick(rootPath, defaults == null ? null : defaults.trustedRoot(), "--root-path"),
              defaults == null ? Path.of("/", HostPaths.OS_RELEASE) : defaults.osRelease());
      Optional<SemVer> version =
          target.fromOsRelease ? Optional.empty() : Optional.of(parse(target.version));
      return migrate(
          paths,
          version,
          logLevel.compareTo(LogLevel.INFO) >= 0,
          logLevel.compareTo(LogLevel.DEBUG) >= 0);
    }

    private Path pick(Path given, Path fallback, String option) throws UsageException {
      if (given != null) {
        return given;
      }
      if (fallback == null) {
        throw new UsageException("missing required option " + option + " (or --root DIR)");
      }
      return fallback;
    }
  }

  private static SemVer parse(String text) throws UsageException {
    try {
      return SemVer.parse(text);
    } catch (dev.keel.manifest.VersionFormatException e) {
      throw new UsageException("--migrate-to-version: " + e.getMessage());
    }
  }

  /** The booted release's {@code VERSION_ID}: the version the datastore must be migrated to. */
  private static SemVer osReleaseVersion(Path file) throws MigratorException.BadOsRelease {
    try {
      return OsRelease.load(file).versionId();
    } catch (OsReleaseException e) {
      throw new MigratorException.BadOsRelease(e.getMessage(), e);
    }
  }

  /** §5.4, steps 1 to 7, then the cleanup of unreferenced datastores. */
  int migrate(HostPaths paths, Optional<SemVer> version, boolean info, boolean debug)
      throws Exception {
    PrintStream log = info ? err : new PrintStream(java.io.OutputStream.nullOutputStream());
    if (!Files.exists(paths.datastore())) {
      log.println("Data store does not exist at given path, exiting (" + paths.datastore() + ")");
      return ExitCode.OK;
    }
    // 1: the datastore directory and the version its links give.
    Path canonical = paths.datastore().toRealPath();
    DatastoreLinks links = new DatastoreLinks(canonical.getParent(), sink);
    SemVer current = links.version();
    SemVer wanted = version.isPresent() ? version.get() : osReleaseVersion(paths.osRelease());
    // 2: the direction.
    Optional<Direction> direction = DatastorePlan.direction(current, wanted);
    if (direction.isEmpty()) {
      log.println("migrator: datastore is already at " + current + ", nothing to do");
      return ExitCode.OK;
    }
    Path work =
        Files.createTempDirectory(
            tmp,
            "migrator-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      // 3 and 4: the cached repository, verified offline, and the plan from its manifest.
      Path scratch = Files.createDirectory(work.resolve("tuf"));
      CachedRepository repo =
          CachedRepository.load(
              paths.trustedRoot(), paths.metadata(), paths.migrations(), scratch, clock);
      DatastorePlan plan = DatastorePlan.of(current, wanted, repo.manifest());
      log.println(
          "migrator: migrating datastore "
              + canonical.getFileName()
              + " from "
              + current
              + " to "
              + wanted
              + " ("
              + plan.flag().substring(2)
              + "), "
              + plan.migrations().size()
              + " migration(s)"
              + (plan.linksOnly() ? ": links only" : ": " + String.join(", ", plan.migrations())));
      DatastoreNames names = new DatastoreNames(random);
      Path result = canonical;
      if (!plan.linksOnly()) {
        // 6: every migration verified and decompressed to a private file before the first runs.
        List<MigrationRunner.Executable> executables = new ArrayList<>();
        Path bin = Files.createDirectory(work.resolve("bin"));
        for (int i = 0; i < plan.migrations().size(); i++) {
          String name = plan.migrations().get(i);
          Path file = bin.resolve(String.valueOf(i));
          repo.extractMigration(name, file);
          executables.add(new MigrationRunner.Executable(name, file));
        }
        result =
            new MigrationRunner(new MigrationProcess(work), names, sink, log, debug)
                .run(plan, canonical, executables);
      }
      // 5 or 7: the links, then the cleanup (issue #2589), keeping the new and the previous
      // datastore.
      links.flip(wanted, result.getFileName().toString());
      // The migration has succeeded once the links moved: a failed cleanup is only a warning.
      List<String> failures = new ArrayList<>();
      try {
        for (Path removed :
            DatastoreCleanup.removeUnreferenced(
                links.directory(), new HashSet<>(List.of(result, canonical)), failures)) {
          log.println("migrator: removed unreferenced datastore " + removed.getFileName());
        }
      } catch (IOException e) {
        failures.add(links.directory() + ": " + e.getMessage());
      }
      failures.forEach(f -> err.println("migrator: warning: could not remove " + f));
      out.println(
          "datastore migrated from "
              + current
              + " to "
              + wanted
              + ": "
              + links.directory().resolve(DatastoreLinks.CURRENT)
              + " -> "
              + result.getFileName());
      return ExitCode.OK;
    } finally {
      try {
        DatastoreCleanup.deleteTree(work);
      } catch (IOException e) {
        err.println(
            "migrator: warning: could not remove private directory "
                + work
                + ": "
                + e.getMessage());
      }
    }
  }
}
