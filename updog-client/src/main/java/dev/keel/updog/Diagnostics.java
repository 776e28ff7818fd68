package dev.keel.updog;

import java.io.PrintStream;

/**
 * Messages for the operator, on stderr, at or above the chosen {@link LogLevel}; results go to
 * stdout.
 */
final class Diagnostics {
  private final PrintStream err;
  private final LogLevel level;

  Diagnostics(PrintStream err, LogLevel level) {
    this.err = err;
    this.level = level;
  }

  void log(LogLevel at, String message) {
    if (at.compareTo(level) >= 0) {
      err.println(message);
    }
  }

  void info(String message) {
    log(LogLevel.INFO, message);
  }

  void debug(String message) {
    log(LogLevel.DEBUG, message);
  }

  PrintStream stream() {
    return err;
  }
}
