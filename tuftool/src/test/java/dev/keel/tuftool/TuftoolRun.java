package dev.keel.tuftool;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Runs tuftool in-process with a fixed clock and captured output. */
record TuftoolRun(int exit, String out, String err) {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  static TuftoolRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new Tuftool(
                Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(List.of(args));
    return new TuftoolRun(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  TuftoolRun ok() {
    if (exit != 0) {
      throw new AssertionError("exit " + exit + ": " + err);
    }
    return this;
  }
}
