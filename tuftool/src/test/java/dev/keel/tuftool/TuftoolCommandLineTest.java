package dev.keel.tuftool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.cli.ToolRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line itself: help on every subcommand, the version, suggestions for typos. */
class TuftoolCommandLineTest {
  /** Every command path below tuftool, e.g. {@code [root, sign]}. */
  private static List<List<String>> commands(CommandLine cl, List<String> prefix) {
    List<List<String>> all = new ArrayList<>();
    for (CommandLine sub : cl.getSubcommands().values()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(sub.getCommandName());
      all.add(path);
      all.addAll(commands(sub, path));
    }
    return all;
  }

  @Test
  void everySubcommandHasHelp() {
    CommandLine cl =
        new ToolRunner("tuftool", Clock.systemUTC(), System.out, System.err)
            .commandLine(new Tuftool());
    List<List<String>> commands = commands(cl, List.of());
    assertTrue(
        commands.contains(List.of("root", "sign")) && commands.contains(List.of("clone")),
        commands.toString());
    assertEquals(15, commands.size(), commands.toString());
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      TuftoolRun help = TuftoolRun.of(args.toArray(String[]::new));
      assertEquals(0, help.exit(), command + ": " + help.err());
      assertTrue(help.out().startsWith("Usage: tuftool " + String.join(" ", command)), help.out());
    }
    TuftoolRun sign = TuftoolRun.of("root", "sign", "-h");
    assertTrue(sign.out().contains("-c, --cross-sign=OLD_ROOT"), sign.out());
  }

  @Test
  void versionAndSuggestions() {
    TuftoolRun version = TuftoolRun.of("--version").ok();
    assertTrue(version.out().startsWith("tuftool (Keel) "), version.out());
    TuftoolRun typo = TuftoolRun.of("root", "sing");
    assertEquals(2, typo.exit());
    assertTrue(typo.err().contains("sign"), typo.err());
    TuftoolRun option = TuftoolRun.of("download", "out", "--metdata-url", "x");
    assertEquals(2, option.exit());
    assertTrue(option.err().contains("--metadata-url"), option.err());
    TuftoolRun none = TuftoolRun.of();
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("run 'tuftool --help' for usage"), none.err());
  }

  @Test
  void aCommandGroupListsItsSubcommands() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        new Tuftool(
                Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
            .run(List.of("root", "--help"));
    assertEquals(0, exit);
    for (String sub :
        List.of(
            "init",
            "add-key",
            "remove-key",
            "set-threshold",
            "set-version",
            "bump-version",
            "expire",
            "sign",
            "gen-rsa-key",
            "gen-key")) {
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("  " + sub + " "), sub + ": " + out);
    }
  }
}
