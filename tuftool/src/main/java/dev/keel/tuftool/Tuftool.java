package dev.keel.tuftool;

import dev.keel.cli.UsageException;
import dev.keel.tuf.error.TufException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * {@code tuftool}: offline root and repository work with the original's command names and flags.
 * Exit codes: 0 success, 1 error (the message names the file and field), 2 usage error.
 */
public final class Tuftool {
  static final String USAGE = """
      usage: tuftool <command> ...
        root init PATH [--version N]
        root add-key PATH -k KEY... -r ROLE...
        root remove-key PATH KEYID [ROLE]
        root set-threshold PATH ROLE N
        root set-version PATH N
        root bump-version PATH
        root expire PATH TIME
        root sign PATH -k KEY... [-c/--cross-sign OLD_ROOT] [-i/--ignore-threshold]
        root gen-rsa-key PATH KEYOUT [-b BITS] [-e EXPONENT] -r ROLE...
        root gen-key PATH KEYOUT [--type ed25519|ecdsa] -r ROLE...
        create -r ROOT -k KEY... -t TARGETS_DIR -o OUTDIR --targets-expires T --targets-version N
               --snapshot-expires T --snapshot-version N --timestamp-expires T --timestamp-version N
               [-f/--follow] [--target-path-exists skip|replace|fail]
        update -r ROOT -k KEY... -m METADATA_URL -o OUTDIR [-t TARGETS_DIR] (same version/expiry flags)
               [--allow-expired-repo]
        download OUTDIR (-r ROOT | --allow-root-download [-v/--root-version N]) -m METADATA_URL
               -t TARGETS_URL [-n/--target-name NAME...] [--allow-expired-repo]
        clone --metadata-dir DIR (--targets-dir DIR | --metadata-only) (-r ROOT | --allow-root-download
               [-v N]) -m METADATA_URL -t TARGETS_URL [-n NAME...] [--allow-expired-repo]
      Times are RFC 3339 or phrases like 'in 7 days'. Keys are PEM files (path or file:///path).""";

  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  Tuftool(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new Tuftool(Clock.systemUTC(), System.out, System.err).run(Arrays.asList(args)));
  }

  int run(List<String> args) {
    try {
      if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help")) {
        out.println(USAGE);
        return args.isEmpty() ? 2 : 0;
      }
      List<String> rest = args.subList(1, args.size());
      switch (args.get(0)) {
        case "root" -> new RootCommand(clock, out).run(rest);
        case "create" -> new RepoCommand(clock, out).create(rest);
        case "update" -> new RepoCommand(clock, out).update(rest);
        case "download" -> new DownloadCommand(clock, out, err).download(rest);
        case "clone" -> new DownloadCommand(clock, out, err).cloneRepository(rest);
        default -> throw new UsageException("unknown command '" + args.get(0) + "'");
      }
      return 0;
    } catch (UsageException e) {
      err.println("tuftool: " + e.getMessage());
      err.println("run 'tuftool --help' for usage");
      return 2;
    } catch (TufException e) {
      err.println("tuftool: " + e.getMessage());
      return 1;
    }
  }
}
