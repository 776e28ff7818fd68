package dev.keel.tuftool;

import dev.keel.cli.HelpOptions;
import dev.keel.cli.KeelVersion;
import dev.keel.cli.ToolRunner;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tuftool}: offline root and repository work with the original's command names and flags.
 * Exit codes: 0 success, 1 error (the message names the file and field), 2 usage error.
 */
@Command(
    name = "tuftool",
    versionProvider = KeelVersion.class,
    description =
        "Offline TUF root and repository work, with the original tuftool's commands and flags.",
    subcommands = {
      RootCommand.class,
      RepoCommand.Create.class,
      RepoCommand.Update.class,
      DownloadCommand.Download.class,
      DownloadCommand.Clone.class
    },
    footer = {
      "",
      "Times are RFC 3339 (2030-01-01T00:00:00Z), 'now', or phrases like 'in 7 days'.",
      "Keys are PEM files (a path or file:///path); encrypted ones are read with the passphrase in $"
          + KeyArguments.PASSPHRASE_ENV
          + ".",
      "Exit codes: 0 success, 1 error, 2 usage error."
    })
public final class Tuftool {
  @Mixin HelpOptions help;

  final Clock clock;
  final PrintStream out;
  final PrintStream err;

  /**
   * The system clock and streams; also how the build's completion and man page generators build the
   * command.
   */
  Tuftool() {
    this(Clock.systemUTC(), System.out, System.err);
  }

  Tuftool(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new Tuftool().run(Arrays.asList(args)));
  }

  int run(List<String> args) {
    return new ToolRunner("tuftool", clock, out, err).execute(this, args);
  }
}
