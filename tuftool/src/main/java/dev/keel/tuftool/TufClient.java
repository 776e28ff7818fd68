package dev.keel.tuftool;

import dev.keel.cli.ExitCode;
import dev.keel.cli.KeelVersion;
import dev.keel.cli.ToolRunner;
import dev.keel.cli.UsageException;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.error.MissingTargetException;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.model.MetadataPaths;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.storage.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * {@code tuf-client}: the command-line client the tuf-conformance suite drives, on {@link Updater}.
 *
 * <pre>
 * tuf-client --metadata-dir MD init TRUSTED_ROOT
 * tuf-client --metadata-url URL --metadata-dir MD refresh
 * tuf-client --metadata-url URL --metadata-dir MD --target-name PATH... --target-dir TD
 *            --target-base-url TURL download
 * </pre>
 *
 * Exit code 0 on success and exactly 1 on any failure, usage errors included, with the reason on
 * standard error. "Now" is the injected clock (the system clock from {@link #main}).
 */
@Command(
    name = "tuf-client",
    mixinStandardHelpOptions = true,
    versionProvider = KeelVersion.class,
    description =
        "The TUF client that the tuf-conformance suite drives. Its options go before or after the command.",
    footer = {
      "",
      "Exit code 0 on success, 1 on any failure (usage errors included), the reason on standard error."
    })
public final class TufClient {
  @Option(
      names = "--metadata-dir",
      paramLabel = "MD",
      scope = ScopeType.INHERIT,
      description = "the client's trusted metadata (required)")
  Path metadataDir;

  @Option(
      names = "--metadata-url",
      paramLabel = "URL",
      converter = UrlArgument.class,
      scope = ScopeType.INHERIT,
      description = "the repository's metadata (refresh, download)")
  URI metadataUrl;

  @Option(
      names = "--target-name",
      paramLabel = "PATH",
      scope = ScopeType.INHERIT,
      description = "a target to download (repeatable)")
  List<String> targetNames = new ArrayList<>();

  @Option(
      names = "--target-dir",
      paramLabel = "TD",
      scope = ScopeType.INHERIT,
      description = "where downloaded targets go, as TD/<quote(PATH, safe='')>")
  Path targetDir;

  @Option(
      names = "--target-base-url",
      paramLabel = "TURL",
      converter = UrlArgument.class,
      scope = ScopeType.INHERIT,
      description = "the repository's targets (download)")
  URI targetBaseUrl;

  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * The system clock and streams; also how the build's completion and man page generators build the
   * command.
   */
  TufClient() {
    this(Clock.systemUTC(), System.out, System.err);
  }

  public TufClient(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new TufClient().run(Arrays.asList(args)));
  }

  /** Runs one command; returns the exit code, 0 or 1. */
  public int run(List<String> args) {
    return new ToolRunner("tuf-client", clock, out, err)
        .withExitCodes(e -> ExitCode.ERROR)
        .execute(this, args);
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description =
          "Store TRUSTED_ROOT as MD/root.json, bytes unchanged. No network; refresh verifies it.")
  void init(
      @Parameters(paramLabel = "TRUSTED_ROOT", description = "the root to trust") Path trustedRoot)
      throws TufException, UsageException {
    Path md = required(metadataDir, "--metadata-dir");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(trustedRoot);
    } catch (IOException e) {
      throw new StorageException(trustedRoot, "could not read the trusted root", e);
    }
    new AtomicFiles().write(md.resolve("root.json"), bytes);
  }

  @Command(
      name = "refresh",
      mixinStandardHelpOptions = true,
      description =
          "Run the client workflow: root, timestamp, snapshot, targets; trusted metadata persists in MD.")
  void refresh() throws TufException, UsageException {
    updater().refresh();
  }

  @Command(
      name = "download",
      mixinStandardHelpOptions = true,
      description =
          "Refresh, find each --target-name through the delegations, and store it verified in TD, "
              + "skipping the download when the stored copy already matches.")
  void download() throws TufException, UsageException {
    if (targetNames.isEmpty()) {
      throw new UsageException("download needs at least one --target-name");
    }
    Path td = required(targetDir, "--target-dir");
    URI targetBase = required(targetBaseUrl, "--target-base-url");
    List<TargetPath> paths = new ArrayList<>();
    for (String name : targetNames) {
      paths.add(TargetPath.of(name));
    }
    Updater updater = updater();
    updater.refresh();
    AtomicFiles files = new AtomicFiles();
    for (TargetPath path : paths) {
      TargetInfo info =
          updater
              .findTarget(path)
              .orElseThrow(
                  () -> new MissingTargetException(path.raw(), "any trusted targets role"));
      // python-tuf's file name convention: quote(path, safe='').
      updater.downloadTarget(
          info, targetBase, td.resolve(MetadataPaths.encodeSegment(path.raw())), files);
    }
  }

  private Updater updater() throws UsageException {
    Path md = required(metadataDir, "--metadata-dir");
    URI url = required(metadataUrl, "--metadata-url");
    return new Updater(
        UpdaterConfig.of(url, md),
        ExistingRepositories.transportFor(url),
        clock,
        new AtomicFiles());
  }

  /**
   * Options the commands share are checked by the command that needs them, wherever on the line
   * they were given.
   */
  private static <T> T required(T value, String option) throws UsageException {
    if (value == null) {
      throw new UsageException("missing required option " + option);
    }
    return value;
  }
}
