package dev.keel.migrator.pack;

import dev.keel.cli.ExitCode;
import dev.keel.cli.ToolRunner;
import dev.keel.cli.UsageException;
import dev.keel.manifest.SemVer;
import dev.keel.manifest.VersionFormatException;
import dev.keel.migration.MigrationSteps;
import dev.keel.tuf.storage.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import net.jpountz.lz4.LZ4FrameOutputStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migration-pack}: makes the target a release publishes for a migration, {@code
 * migrate_v<version>_<name>.lz4} (an LZ4 frame, as the {@code lz4} tool writes), from an
 * executable, from a Java main class (packed with the migration SDK into one self-running file), or
 * from ready-made steps alone. Publish it with {@code pubsys repo --copy-target} and list it in
 * Release.toml's {@code [migrations]}.
 */
public final class MigrationPack {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private final PrintStream out;
  private final PrintStream err;

  public MigrationPack(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new MigrationPack(System.out, System.err).run(List.of(args)));
  }

  public int run(List<String> args) {
    return new ToolRunner("migration-pack", Clock.systemUTC(), out, err).execute(new Cli(), args);
  }

  static final class Source {
    @Option(
        names = "--executable",
        paramLabel = "FILE",
        required = true,
        description = "an executable already built (ELF, or a script with a #! line)")
    Path executable;

    @Option(
        names = "--main-class",
        paramLabel = "CLASS",
        required = true,
        description =
            "a Java main class calling Migrations.main; packed with --classpath and the SDK")
    String mainClass;

    @Option(
        names = "--step",
        paramLabel = "STEP",
        required = true,
        description =
            "a ready-made step: 'add KEY JSON', 'remove KEY', 'rename OLD NEW', 'replace KEY OLD NEW'")
    List<String> steps;

    @Option(
        names = "--steps",
        paramLabel = "FILE",
        required = true,
        description = "ready-made steps, one a line")
    Path stepsFile;
  }

  @Command(
      name = "migration-pack",
      description = "Packs a datastore migration into the target migrate_v<VERSION>_<NAME>.lz4.")
  final class Cli implements Callable<Integer> {
    /**
     * Only {@code -h}: {@code --version} names the OS version, so the standard help options would
     * clash.
     */
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Option(
        names = "--version",
        paramLabel = "X.Y.Z",
        required = true,
        description = "the OS version that introduces the migration")
    String version;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        required = true,
        description = "letters, digits, '-' and '_'")
    String name;

    @Option(names = "--outdir", paramLabel = "DIR", required = true)
    Path outdir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(
        names = "--classpath",
        paramLabel = "PATH",
        split = ":",
        description = "jars and class directories for --main-class")
    List<Path> classpath = new ArrayList<>();

    @Option(
        names = "--keep-executable",
        description = "also write the uncompressed executable next to the target")
    boolean keep;

    @Override
    public Integer call() throws Exception {
      SemVer v;
      try {
        v = SemVer.parse(version);
      } catch (VersionFormatException e) {
        throw new UsageException("--version: " + e.getMessage());
      }
      if (!NAME.matcher(name).matches()) {
        throw new UsageException("--name '" + name + "' must be letters, digits, '-' and '_'");
      }
      byte[] executable = executable();
      String base = "migrate_v" + v + "_" + name;
      Files.createDirectories(outdir);
      if (keep) {
        MigrationJar.writeExecutable(outdir.resolve(base), executable);
      }
      Path target = outdir.resolve(base + ".lz4");
      new AtomicFiles().write(target, compress(executable));
      out.println(target);
      return ExitCode.OK;
    }

    private byte[] executable() throws IOException, UsageException {
      if (source.executable != null) {
        byte[] bytes = Files.readAllBytes(source.executable);
        boolean elf =
            bytes.length >= 4
                && bytes[0] == 0x7f
                && bytes[1] == 'E'
                && bytes[2] == 'L'
                && bytes[3] == 'F';
        boolean script = bytes.length >= 2 && bytes[0] == '#' && bytes[1] == '!';
        if (!elf && !script) {
          throw new UsageException(
              source.executable + " is neither an ELF binary nor a script starting with #!");
        }
        return bytes;
      }
      List<Path> cp = new ArrayList<>(classpath);
      cp.addAll(MigrationJar.sdkClasspath());
      if (source.mainClass != null) {
        return MigrationJar.build(source.mainClass, cp, Map.of());
      }
      String steps =
          source.stepsFile != null
              ? Files.readString(source.stepsFile)
              : String.join("\n", source.steps);
      try {
        MigrationSteps.parse(steps);
      } catch (IllegalArgumentException e) {
        throw new UsageException("bad steps: " + e.getMessage());
      }
      return MigrationJar.build(
          MigrationSteps.class.getName(),
          cp,
          Map.of(MigrationSteps.RESOURCE, (steps + "\n").getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** An LZ4 frame of {@code bytes}, readable by {@code lz4 -d}. */
  public static byte[] compress(byte[] bytes) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(buf)) {
      lz4.write(bytes);
    }
    return buf.toByteArray();
  }
}
