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
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
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
 *
 * <p>The command line is a picocli {@link CommandSpec} built in code rather than from annotations:
 * the conformance suite starts this client hundreds of times, and reading the annotations costs
 * every start tens of milliseconds (the JDK spins a proxy class per annotation type), see
 * docs/adr/0010-tuf-client-start-up.md. The help, errors and suggestions are picocli's as for any
 * annotated tool.
 */
public final class TufClient {
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  private final OptionSpec metadataDir =
      shared("--metadata-dir", "MD", Path.class, "the client's trusted metadata (required)")
          .build();
  private final OptionSpec metadataUrl =
      shared("--metadata-url", "URL", URI.class, "the repository's metadata (refresh, download)")
          .converters(new UrlArgument())
          .build();
  private final OptionSpec targetNames =
      shared("--target-name", "PATH", List.class, "a target to download (repeatable)")
          .auxiliaryTypes(String.class)
          .build();
  private final OptionSpec targetDir =
      shared(
              "--target-dir",
              "TD",
              Path.class,
              "where downloaded targets go, as TD/<quote(PATH, safe='')>")
          .build();
  private final OptionSpec targetBaseUrl =
      shared("--target-base-url", "TURL", URI.class, "the repository's targets (download)")
          .converters(new UrlArgument())
          .build();
  private final PositionalParamSpec trustedRoot =
      PositionalParamSpec.builder()
          .paramLabel("TRUSTED_ROOT")
          .arity("1")
          .required(true)
          .type(Path.class)
          .description("the root to trust")
          .build();

  /** The system clock and streams. */
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
        .execute(commandSpec(), args);
  }

  /**
   * The command line: the shared options (before or after the command) and the three commands. One
   * spec per run; also what the build's completion script and man page are generated from ({@link
   * TufClientDocs}).
   */
  CommandSpec commandSpec() {
    CommandSpec top =
        helpOptions(CommandSpec.create())
            .name("tuf-client")
            .versionProvider(new KeelVersion())
            .addOption(metadataDir)
            .addOption(metadataUrl)
            .addOption(targetNames)
            .addOption(targetDir)
            .addOption(targetBaseUrl);
    top.usageMessage()
        .description(
            "The TUF client that the tuf-conformance suite drives. Its options go before or after the command.")
        .footer(
            "",
            "Exit code 0 on success, 1 on any failure (usage errors included), the reason on standard error.");
    top.addSubcommand(
        "download",
        command(
            this::download,
            "Refresh, find each --target-name through the delegations, and store it verified in TD, "
                + "skipping the download when the stored copy already matches."));
    top.addSubcommand(
        "init",
        command(
                this::init,
                "Store TRUSTED_ROOT as MD/root.json, bytes unchanged. No network; refresh verifies it.")
            .addPositional(trustedRoot));
    top.addSubcommand(
        "refresh",
        command(
            this::refresh,
            "Run the client workflow: root, timestamp, snapshot, targets; trusted metadata persists in MD."));
    return top;
  }

  @FunctionalInterface
  private interface Action {
    void run() throws TufException, UsageException;
  }

  private static CommandSpec command(Action action, String description) {
    Callable<Integer> call =
        () -> {
          action.run();
          return ExitCode.OK;
        };
    CommandSpec spec = helpOptions(CommandSpec.wrapWithoutInspection(call));
    spec.usageMessage().description(description);
    return spec;
  }

  /** What {@code mixinStandardHelpOptions} adds, without reading its annotated mixin. */
  private static CommandSpec helpOptions(CommandSpec spec) {
    return spec.addOption(
            OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build())
        .addOption(
            OptionSpec.builder("-V", "--version")
                .versionHelp(true)
                .description("Print version information and exit.")
                .build());
  }

  /** An option of the top-level command that the commands inherit, so it may follow them. */
  private static OptionSpec.Builder shared(
      String name, String label, Class<?> type, String description) {
    return OptionSpec.builder(name)
        .paramLabel(label)
        .type(type)
        .scopeType(ScopeType.INHERIT)
        .description(description);
  }

  private void init() throws TufException, UsageException {
    Path md = required(metadataDir);
    Path root = trustedRoot.getValue();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(root);
    } catch (IOException e) {
      throw new StorageException(root, "could not read the trusted root", e);
    }
    new AtomicFiles().write(md.resolve("root.json"), bytes);
  }

  private void refresh() throws TufException, UsageException {
    updater().refresh();
  }

  private void download() throws TufException, UsageException {
    List<String> names = targetNames.getValue();
    if (names == null || names.isEmpty()) {
      throw new UsageException("download needs at least one --target-name");
    }
    Path td = required(targetDir);
    URI targetBase = required(targetBaseUrl);
    List<TargetPath> paths = new ArrayList<>();
    for (String name : names) {
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
    Path md = required(metadataDir);
    URI url = required(metadataUrl);
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
  private static <T> T required(OptionSpec option) throws UsageException {
    T value = option.getValue();
    if (value == null) {
      throw new UsageException("missing required option " + option.longestName());
    }
    return value;
  }
}
