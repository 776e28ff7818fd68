package dev.keel.reposerver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line of {@code repo-server}: help, version, usage errors and a wrong config file,
 * none of which start a server.
 */
class RepoServerCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return RepoServerCommand.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpAndVersion() {
    assertEquals(0, run("--help"));
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("Usage: repo-server [-hV] [CONFIG.toml]"),
        out.toString());
    assertEquals(0, run("--version"));
    assertTrue(
        out.toString(StandardCharsets.UTF_8).startsWith("repo-server (Keel) "), out.toString());
  }

  @Test
  void usageErrorsAndWrongConfigFilesExitTwo(@TempDir Path dir) throws Exception {
    assertEquals(2, run("a.toml", "b.toml"));
    assertEquals(2, run("--hepl"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--help"), err.toString());
    Path config = dir.resolve("server.toml");
    Files.writeString(config, "[server]\nport = \"eighty\"\n");
    assertEquals(2, run(config.toString()));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).startsWith("repo-server: " + config), err.toString());
  }
}
