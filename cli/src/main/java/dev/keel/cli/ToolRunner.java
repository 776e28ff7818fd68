package dev.keel.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a picocli command with the conventions every Keel tool shares: results on {@code out},
 * diagnostics on {@code err}, exit 0 on success, 2 for a usage error (with picocli's "did you mean"
 * suggestions and a pointer to {@code --help}), 1 for any other failure with its message and no
 * stack trace. A programming error (an unchecked exception) is reported with its stack trace, so it
 * can be fixed, and also exits 1. A command's {@code call()} may return its own exit code (for
 * example {@link ExitCode#NOTHING_TO_DO}); a tool whose failures have codes of their own gives an
 * {@link IExitCodeExceptionMapper} ({@link #withExitCodes}), consulted for usage errors and
 * failures alike.
 */
public final class ToolRunner {
  private final String tool;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final IExitCodeExceptionMapper exitCodes;

  public ToolRunner(String tool, Clock clock, PrintStream out, PrintStream err) {
    this(tool, clock, out, err, null);
  }

  private ToolRunner(
      String tool,
      Clock clock,
      PrintStream out,
      PrintStream err,
      IExitCodeExceptionMapper exitCodes) {
    this.tool = Objects.requireNonNull(tool);
    this.clock = Objects.requireNonNull(clock);
    this.out = Objects.requireNonNull(out);
    this.err = Objects.requireNonNull(err);
    this.exitCodes = exitCodes;
  }

  /**
   * The same runner, with exit codes for failures chosen by {@code mapper} (it sees the {@link
   * ParameterException} of a usage error, or the exception a command threw).
   */
  public ToolRunner withExitCodes(IExitCodeExceptionMapper mapper) {
    return new ToolRunner(tool, clock, out, err, Objects.requireNonNull(mapper));
  }

  /** A picocli {@link CommandLine} over {@code command}, set up with the shared conventions. */
  public CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.registerConverter(Instant.class, new TimeConverter(clock));
    // picocli's own Path converter calls Paths.get through reflection, which spins method handle
    // classes on first use: milliseconds of every cold start (docs/adr/0010).
    cl.registerConverter(Path.class, Path::of);
    cl.setParameterExceptionHandler(this::usageError);
    cl.setExecutionExceptionHandler(this::failure);
    if (exitCodes != null) {
      cl.setExitCodeExceptionMapper(exitCodes);
    }
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
    return exitCode(e, ExitCode.USAGE);
  }

  private int failure(Exception e, CommandLine cl, ParseResult parsed) {
    if (e instanceof UsageException) {
      err.println(tool + ": " + e.getMessage());
      err.println("run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage");
      return exitCode(e, ExitCode.USAGE);
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      err.println(tool + ": interrupted");
    } else if (e instanceof NoSuchFileException) {
      err.println(tool + ": no such file: " + e.getMessage());
    } else if (e instanceof RuntimeException) {
      err.println(tool + ": internal error: " + e);
      e.printStackTrace(err);
    } else {
      err.println(tool + ": " + e.getMessage());
    }
    return exitCode(e, ExitCode.ERROR);
  }

  private int exitCode(Exception e, int standard) {
    return exitCodes == null ? standard : exitCodes.getExitCode(e);
  }
}
