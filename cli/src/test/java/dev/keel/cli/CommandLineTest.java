package dev.keel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  static final Set<String> VALUES = Set.of("-k/--key", "-r/--root");
  static final Set<String> FLAGS = Set.of("-f/--follow");

  @Test
  void readsShortLongInlineAndRepeatedOptionsAndPositionals() throws Exception {
    CommandLine cl = CommandLine.parse(List.of("PATH", "-k", "a.pem", "--key=b.pem", "--root", "r.json", "-f", "--",
        "-not-an-option"), VALUES, FLAGS);
    assertEquals(List.of("a.pem", "b.pem"), cl.all("-k/--key"));
    assertEquals("r.json", cl.required("-r/--root"));
    assertTrue(cl.flag("-f/--follow"));
    assertEquals(List.of("PATH", "-not-an-option"), cl.positionals());
    assertEquals("PATH", cl.positional(0, "PATH"));
  }

  @Test
  void absentOptionsAreEmptyNotNull() throws Exception {
    CommandLine cl = CommandLine.parse(List.of(), VALUES, FLAGS);
    assertEquals(Optional.empty(), cl.value("-r/--root"));
    assertEquals(List.of(), cl.all("-k/--key"));
    assertFalse(cl.flag("-f/--follow"));
  }

  @Test
  void usageErrorsNameTheProblem() {
    assertEquals("unknown option --bogus",
        assertThrows(UsageException.class, () -> CommandLine.parse(List.of("--bogus"), VALUES, FLAGS)).getMessage());
    assertEquals("option -k needs a value",
        assertThrows(UsageException.class, () -> CommandLine.parse(List.of("-k"), VALUES, FLAGS)).getMessage());
    CommandLine twice = assertDoesNotThrowParse(List.of("-r", "a", "-r", "b"));
    assertThrows(UsageException.class, () -> twice.value("-r/--root"));
    CommandLine none = assertDoesNotThrowParse(List.of());
    assertEquals("missing required option -r/--root",
        assertThrows(UsageException.class, () -> none.required("-r/--root")).getMessage());
    assertThrows(UsageException.class, () -> none.positional(0, "PATH"));
    assertEquals("N must be a whole number, got 'x'",
        assertThrows(UsageException.class, () -> CommandLine.parseLong("x", "N")).getMessage());
  }

  private static CommandLine assertDoesNotThrowParse(List<String> args) {
    try {
      return CommandLine.parse(args, VALUES, FLAGS);
    } catch (UsageException e) {
      throw new AssertionError(e);
    }
  }
}
