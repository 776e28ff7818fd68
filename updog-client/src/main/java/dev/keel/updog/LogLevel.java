package dev.keel.updog;

/** {@code --log-level}: how much updog tells on stderr. */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR
}
