package dev.keel.reposerver;

import dev.keel.cli.ExitCode;
import dev.keel.cli.KeelVersion;
import dev.keel.cli.ToolRunner;
import dev.keel.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * The {@code repo-server} command line: {@code repo-server [CONFIG.toml]}. Exit codes: 0 once the
 * server listens (the process keeps running), 1 when it cannot start, 2 for a usage error or a
 * config file that is wrong.
 */
@Command(
    name = "repo-server",
    mixinStandardHelpOptions = true,
    versionProvider = KeelVersion.class,
    description = {
      "Serve TUF repositories and publish releases through an HTTP API.",
      "Without CONFIG.toml: a development repository on 127.0.0.1:8080 in ./keel-repo ($KEEL_REPO_DIR, port "
          + "$KEEL_REPO_PORT; KEEL_ACCESS_LOG=false silences the access log), with its root and keys created there."
    },
    footer = {
      "",
      "Exit codes: 0 listening, 1 could not start, 2 usage error or a wrong config file."
    })
final class RepoServerCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "CONFIG.toml",
      description = "the server's configuration")
  Path config;

  public static void main(String[] args) {
    int exit = run(Arrays.asList(args), System.out, System.err);
    if (exit != ExitCode.OK) {
      System.exit(exit);
    }
  }

  /** Parses {@code args} and starts the server; returns the exit code. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    return new ToolRunner("repo-server", Clock.systemUTC(), out, err)
        .withExitCodes(RepoServerCommand::exitCode)
        .execute(new RepoServerCommand(), args);
  }

  static int exitCode(Throwable e) {
    return e instanceof ParameterException
            || e instanceof UsageException
            || e instanceof ServerConfig.ConfigFileException
        ? ExitCode.USAGE
        : ExitCode.ERROR;
  }

  @Override
  public Integer call() throws Exception {
    try {
      RepoServer.launch(Optional.ofNullable(config));
    } catch (ExecutionException e) {
      throw new CannotStartException(e.getCause());
    }
    return ExitCode.OK;
  }

  /** The server did not come up: its port, keys or data directory. */
  static final class CannotStartException extends Exception {
    CannotStartException(Throwable cause) {
      super("cannot start: " + cause.getMessage(), cause);
    }
  }
}
