package dev.keel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

class ToolRunnerTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final ToolRunner runner =
      new ToolRunner("demo", clock, new PrintStream(out, true), new PrintStream(err, true));

  @Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = KeelVersion.class)
  static final class Demo implements Callable<Integer> {
    @Option(names = {"-e", "--expires"})
    Instant expires;

    @Option(names = "--fail")
    boolean fail;

    @Option(names = "--nothing")
    boolean nothing;

    @Option(names = "--bad-usage")
    boolean badUsage;

    @Option(names = "--missing")
    boolean missing;

    @Override
    public Integer call() throws Exception {
      if (fail) {
        throw new IOException("disk.img: no GPT found");
      }
      if (missing) {
        throw new NoSuchFileException("/no/such/root.json");
      }
      if (badUsage) {
        throw new UsageException("--expires must be in the future");
      }
      System.out.flush();
      return nothing ? ExitCode.NOTHING_TO_DO : ExitCode.OK;
    }
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void successAndOwnExitCodes() {
    Demo d = new Demo();
    assertEquals(0, runner.execute(d, List.of("-e", "in 7 days")));
    assertEquals(Instant.parse("2030-01-08T00:00:00Z"), d.expires);
    assertEquals(3, runner.execute(new Demo(), List.of("--nothing")));
  }

  @Test
  void usageErrorsExitTwoWithSuggestion() {
    assertEquals(2, runner.execute(new Demo(), List.of("--expire", "now")));
    assertTrue(err().contains("demo: Unknown option"), err());
    assertTrue(err().contains("--expires"), "suggests the right spelling: " + err());
    assertTrue(err().contains("run 'demo --help' for usage"), err());
  }

  @Test
  void badTimeIsAUsageError() {
    assertEquals(2, runner.execute(new Demo(), List.of("-e", "tomorrowish")));
    assertTrue(err().contains("is not a time"), err());
  }

  @Test
  void failuresExitOneWithTheMessageOnly() {
    assertEquals(1, runner.execute(new Demo(), List.of("--fail")));
    assertEquals("demo: disk.img: no GPT found\n", err());
    assertEquals(2, runner.execute(new Demo(), List.of("--bad-usage")));
  }

  @Test
  void helpAndVersionGoToStdout() {
    assertEquals(0, runner.execute(new Demo(), List.of("--help")));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--expires"));
    out.reset();
    assertEquals(0, runner.execute(new Demo(), List.of("--version")));
    assertTrue(
        out.toString(StandardCharsets.UTF_8).matches("demo \\(Keel\\) \\d+\\.\\d+\\.\\d+.*\\s*"),
        out.toString());
  }

  @Command(name = "group", versionProvider = KeelVersion.class, subcommands = Leaf.class)
  static final class Group {
    @Mixin HelpOptions help;
  }

  @Command(name = "leaf")
  static final class Leaf implements Callable<Integer> {
    @Option(names = "--version")
    long releaseVersion;

    @Override
    public Integer call() {
      return (int) releaseVersion;
    }
  }

  @Test
  void helpOptionsGiveEverySubcommandHelpAndLeaveItsVersionOptionAlone() {
    assertEquals(0, runner.execute(new Group(), List.of("leaf", "--help")));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: group leaf"), out.toString());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--help"), out.toString());
    out.reset();
    assertEquals(0, runner.execute(new Group(), List.of("--version")));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("group (Keel) "), out.toString());
    assertEquals(7, runner.execute(new Group(), List.of("leaf", "--version", "7")));
    assertEquals(
        2, runner.execute(new Group(), List.of()), "a missing subcommand is a usage error");
    assertTrue(err().contains("Missing required subcommand"), err());
  }

  @Test
  void exitCodeMapperChoosesCodesForUsageErrorsAndFailures() {
    ToolRunner everyFailureIsOne =
        runner.withExitCodes(e -> e instanceof ParameterException ? 1 : 4);
    assertEquals(1, everyFailureIsOne.execute(new Demo(), List.of("--bogus")));
    assertEquals(4, everyFailureIsOne.execute(new Demo(), List.of("--fail")));
    assertEquals(0, everyFailureIsOne.execute(new Demo(), List.of()));
  }

  @Test
  void aMissingFileIsNamedAsSuch() {
    assertEquals(1, runner.execute(new Demo(), List.of("--missing")));
    assertEquals("demo: no such file: /no/such/root.json\n", err());
  }
}
