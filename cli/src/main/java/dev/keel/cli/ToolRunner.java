package dev.keel.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a picocli command with the conventions every Keel tool shares: results on {@code out},
 * diagnostics on {@code err}, exit 0 on success, 2 for a usage error (with picocli's "did you
 * mean" suggestions and a pointer to {@code --help}), 1 for any other failure with its message and
 * no stack trace. A programming error (an unchecked exception) is reported with its stack trace, so
 * it can be fixed, and also exits 1. A command's {@code call()} may return its own exit code (for
 * example {@link ExitCode#NOTHING_TO_DO}).
 */
public final class ToolRunner {
  private final String tool;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  public ToolRunner(String tool, Clock clock, PrintStream out, PrintStream err) {
    this.tool = Objects.requireNonNull(tool);
    this.clock = Objects.requireNonNull(clock);
    this.out = Objects.requireNonNull(out);
    this.err = Objects.requireNonNull(err);
  }

  /** A picocli {@link CommandLine} over {@code command}, set up with the shared conventions. */
  public CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.registerConverter(Instant.class, new TimeConverter(clock));
    cl.setParameterExceptionHandler(this::usageError);
    cl.setExecutionExceptionHandler(this::failure);
    return cl;
  }

  /** Parses and runs {@code args} against {@code command}; returns the exit code. */
  public int execute(Object command, List<String> args) {
    return commandLine(command).execute(args.toArray(String[]::new));
  }

  private int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    err.println(tool + ": " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, cl.getErr());
    cl.getErr().flush();
    err.println("run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage");
    return ExitCode.USAGE;
  }

  private int failure(Exception e, CommandLine cl, ParseResult parsed) {
    if (e instanceof UsageException) {
      err.println(tool + ": " + e.getMessage());
      err.println("run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage");
      return ExitCode.USAGE;
    }
    if (e instanceof RuntimeException) {
      err.println(tool + ": internal error: " + e);
      e.printStackTrace(err);
      return ExitCode.ERROR;
    }
    err.println(tool + ": " + e.getMessage());
    return ExitCode.ERROR;
  }
}
