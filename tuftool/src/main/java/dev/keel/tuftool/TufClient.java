package dev.keel.tuftool;

import dev.keel.cli.CommandLine;
import dev.keel.cli.UsageException;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.error.MissingMetadataException;
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
import java.util.Set;

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
public final class TufClient {
  static final String USAGE = """
      usage: tuf-client --metadata-dir MD init TRUSTED_ROOT
             tuf-client --metadata-url URL --metadata-dir MD refresh
             tuf-client --metadata-url URL --metadata-dir MD --target-name PATH [--target-name PATH ...]
                        --target-dir TD --target-base-url TURL download""";
  private static final Set<String> VALUE_OPTIONS = Set.of("--metadata-url", "--metadata-dir", "--target-name",
      "--target-dir", "--target-base-url");

  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  public TufClient(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new TufClient(Clock.systemUTC(), System.out, System.err).run(Arrays.asList(args)));
  }

  /** Runs one command; returns the exit code, 0 or 1. */
  public int run(List<String> args) {
    try {
      if (args.size() == 1 && (args.get(0).equals("-h") || args.get(0).equals("--help"))) {
        out.println(USAGE);
        return 0;
      }
      CommandLine cl = CommandLine.parse(args, VALUE_OPTIONS, Set.of());
      List<String> positionals = cl.positionals();
      if (positionals.isEmpty()) {
        throw new UsageException("missing command: init, refresh or download");
      }
      Path metadataDir = Path.of(cl.required("--metadata-dir"));
      switch (positionals.get(0)) {
        case "init" -> {
          cl.expectPositionals(2, 2, "tuf-client --metadata-dir MD init TRUSTED_ROOT");
          init(metadataDir, Path.of(positionals.get(1)));
        }
        case "refresh" -> {
          cl.expectPositionals(1, 1, "tuf-client --metadata-url URL --metadata-dir MD refresh");
          updater(cl, metadataDir).refresh();
        }
        case "download" -> {
          cl.expectPositionals(1, 1, "tuf-client ... --target-name PATH --target-dir TD --target-base-url TURL download");
          download(cl, metadataDir);
        }
        default -> throw new UsageException("unknown command '" + positionals.get(0) + "'");
      }
      return 0;
    } catch (UsageException e) {
      err.println("tuf-client: " + e.getMessage());
      err.println(USAGE);
      return 1;
    } catch (TufException e) {
      err.println("tuf-client: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("tuf-client: unexpected error: " + e);
      return 1;
    }
  }

  /** Stores the trusted root as {@code MD/root.json}, bytes unchanged. No network; refresh verifies it. */
  private static void init(Path metadataDir, Path trustedRoot) throws TufException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(trustedRoot);
    } catch (IOException e) {
      throw new StorageException(trustedRoot, "could not read the trusted root", e);
    }
    new AtomicFiles().write(metadataDir.resolve("root.json"), bytes);
  }

  private Updater updater(CommandLine cl, Path metadataDir) throws UsageException {
    URI metadataUrl = ExistingRepositories.url(cl.required("--metadata-url"));
    UpdaterConfig config = UpdaterConfig.of(metadataUrl, metadataDir);
    return new Updater(config, ExistingRepositories.transportFor(metadataUrl), clock, new AtomicFiles());
  }

  /** Refreshes, then finds every named target through the delegations and downloads it verified. */
  private void download(CommandLine cl, Path metadataDir) throws UsageException, TufException {
    List<String> names = cl.all("--target-name");
    if (names.isEmpty()) {
      throw new UsageException("download needs at least one --target-name");
    }
    Path targetDir = Path.of(cl.required("--target-dir"));
    URI targetBase = ExistingRepositories.url(cl.required("--target-base-url"));
    List<TargetPath> paths = new ArrayList<>();
    for (String name : names) {
      paths.add(TargetPath.of(name));
    }
    Updater updater = updater(cl, metadataDir);
    updater.refresh();
    AtomicFiles files = new AtomicFiles();
    for (TargetPath path : paths) {
      TargetInfo info = updater.findTarget(path).orElseThrow(() ->
          new MissingMetadataException("target " + path.raw(), "any trusted targets role"));
      // python-tuf's file name convention: quote(path, safe='').
      updater.downloadTarget(info, targetBase, targetDir.resolve(MetadataPaths.encodeSegment(path.raw())), files);
    }
  }
}
