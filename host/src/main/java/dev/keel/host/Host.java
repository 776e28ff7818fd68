package dev.keel.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.cli.ExitCode;
import dev.keel.cli.KeelVersion;
import dev.keel.cli.ToolRunner;
import dev.keel.cli.UsageException;
import dev.keel.partition.OsDiskLayout;
import dev.keel.partition.PartitionException;
import dev.keel.signpost.StatusReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code host}: a simulated Bottlerocket host in a directory, for tests and the demo. Its disk is a
 * sparse image with the real layout, it boots through a model of GRUB's {@code gptprio.next}, and
 * its paths are what updog, signpost and the migrator read under {@code --root DIR}. Exit codes: 0
 * success, 1 error (including "boot failed"), 2 usage error.
 */
@Command(
    name = "host",
    mixinStandardHelpOptions = true,
    versionProvider = KeelVersion.class,
    description =
        "A simulated Bottlerocket host: release images, a host directory, GRUB-like boots.",
    subcommands = {Host.Images.class, Host.Create.class, Host.Boot.class, Host.Status.class},
    footer = {"", "Exit codes: 0 success, 1 error (including 'boot failed'), 2 usage error."})
public final class Host implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;

  Host(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return new ToolRunner("host", Clock.systemUTC(), out, err).execute(new Host(out, err), args);
  }

  @Override
  public Integer call() throws UsageException {
    throw new UsageException("missing subcommand (images, create, boot, status)");
  }

  /** Options naming a release. */
  static class ReleaseOptions {
    @Option(
        names = "--version",
        required = true,
        paramLabel = "V",
        description = "The release version (SemVer).")
    String version;

    @Option(names = "--variant", required = true, description = "The variant, e.g. aws-k8s-1.29.")
    String variant;

    @Option(
        names = "--arch",
        defaultValue = "x86_64",
        description = "x86_64 or aarch64 (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(
        names = "--build-id",
        description = "The build ID (default: 8 hex digits derived from the release).")
    String buildId;

    @Option(
        names = "--root-kib",
        defaultValue = "8192",
        description = "Root image size (default: ${DEFAULT-VALUE}).")
    int rootKiB;

    @Option(
        names = "--boot-kib",
        defaultValue = "2048",
        description = "Boot image size (default: ${DEFAULT-VALUE}).")
    int bootKiB;

    @Option(
        names = "--filler-kib",
        defaultValue = "3072",
        description = "File data in the root image (default: ${DEFAULT-VALUE}).")
    int fillerKiB;

    Release release() throws UsageException {
      try {
        return buildId == null
            ? Release.of(version, variant, arch)
            : new Release(version, variant, arch, buildId);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }

    ImageSizes sizes() throws UsageException {
      try {
        return new ImageSizes(bootKiB, rootKiB, fillerKiB);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }

  @Command(
      name = "images",
      description =
          "Build a release's three LZ4-compressed update images into OUTDIR, named as a Bottlerocket build names them.")
  static final class Images implements Callable<Integer> {
    @ParentCommand Host host;

    /**
     * Only {@code -h}: this command's {@code --version} names a release, so the standard help
     * options would clash.
     */
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @picocli.CommandLine.Mixin ReleaseOptions release = new ReleaseOptions();

    @Option(
        names = {"-j", "--json"},
        description = "Print the image paths as JSON.")
    boolean json;

    @Parameters(paramLabel = "OUTDIR")
    Path outDir;

    @Override
    public Integer call() throws Exception {
      Map<ImageKind, Path> built =
          new ReleaseImages(release.release(), release.sizes()).build(outDir);
      if (json) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        built.forEach((k, p) -> o.put(k.name().toLowerCase(java.util.Locale.ROOT), p.toString()));
        host.out.print(StatusReport.render(o));
      } else {
        for (ImageKind k : List.of(ImageKind.BOOT, ImageKind.ROOT, ImageKind.HASH)) {
          host.out.println(k.name().toLowerCase(java.util.Locale.ROOT) + " " + built.get(k));
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "create",
      description =
          "Create a host directory on release V (its images in set A, a datastore of V with factory settings), then boot it once.")
  static final class Create implements Callable<Integer> {
    @ParentCommand Host host;

    /**
     * Only {@code -h}: this command's {@code --version} names a release, so the standard help
     * options would clash.
     */
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @picocli.CommandLine.Mixin ReleaseOptions release = new ReleaseOptions();

    @Parameters(paramLabel = "DIR")
    Path dir;

    @Option(
        names = "--root-json",
        required = true,
        paramLabel = "ROOT.json",
        description = "The trusted TUF root.")
    Path rootJson;

    @Option(names = "--metadata-base-url", required = true, paramLabel = "URL")
    String metadataBaseUrl;

    @Option(names = "--targets-base-url", required = true, paramLabel = "URL")
    String targetsBaseUrl;

    @Option(
        names = "--seed",
        paramLabel = "N",
        description = "updog's wave seed, 0 to 2047 (default: random).")
    Long seed;

    @Option(
        names = "--root-mib",
        paramLabel = "MIB",
        description = "ROOT partition size (default: 24).")
    Integer rootMiB;

    @Option(
        names = "--sector-size",
        defaultValue = "512",
        paramLabel = "BYTES",
        description = "Logical sector size of the disk, 512 or 4096 (default: ${DEFAULT-VALUE}).")
    int sectorSize;

    @Override
    public Integer call() throws Exception {
      if (sectorSize != 512 && sectorSize != 4096) {
        throw new UsageException("--sector-size must be 512 or 4096, got " + sectorSize);
      }
      if (seed != null && (seed < 0 || seed > 0xFFFFFFFFL)) {
        throw new UsageException("--seed must be 0 to 4294967295, got " + seed);
      }
      SecureRandom random = new SecureRandom();
      OsDiskLayout layout =
          rootMiB == null ? OsDiskLayout.SMALL : OsDiskLayout.SMALL.withRootMiB(rootMiB);
      HostDir created =
          new HostCreator(random)
              .create(
                  new HostCreator.Request(
                      dir,
                      release.release(),
                      rootJson,
                      metadataBaseUrl,
                      targetsBaseUrl,
                      seed == null ? random.nextInt(2048) : seed,
                      layout,
                      release.sizes(),
                      sectorSize));
      host.out.println("created host " + created.dir() + " (disk " + created.disk() + ")");
      return host.boot(created);
    }
  }

  @Command(
      name = "boot",
      mixinStandardHelpOptions = true,
      description =
          "Boot the host once: GRUB's gptprio.next on its disk, then the kernel command line, os-release and the migrator.")
  static final class Boot implements Callable<Integer> {
    @ParentCommand Host host;

    @Parameters(paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() throws Exception {
      return host.boot(new HostDir(dir));
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show the booted version, the partition sets and their bits.")
  static final class Status implements Callable<Integer> {
    @ParentCommand Host host;

    @Option(
        names = {"-j", "--json"},
        description = "Print as JSON.")
    boolean json;

    @Parameters(paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() throws Exception {
      host.out.print(new HostStatus(new HostDir(dir)).render(json));
      return ExitCode.OK;
    }
  }

  private int boot(HostDir dir) throws HostException, PartitionException {
    BootedSystem booted =
        new Bootloader(Bootloader.STANDARD_STEPS, new Console(out, err)).boot(dir);
    String pretty = new HostStatus(dir).osRelease().getOrDefault("PRETTY_NAME", "?");
    out.println(
        "booted set "
            + booted.set()
            + " (BOOT partition "
            + booted.boot().number()
            + ", PARTUUID "
            + booted.boot().uniqueGuid()
            + ", "
            + booted.boot().prio().describe()
            + "): "
            + pretty);
    return ExitCode.OK;
  }
}
