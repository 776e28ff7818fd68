package dev.keel.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times on the command line, as tuftool accepts them: RFC 3339 ({@code 2030-01-01T00:00:00Z}),
 * {@code now}, or a phrase such as {@code in 7 days}, {@code 2 weeks}, {@code in 90 minutes}.
 * Results are truncated to whole seconds, as metadata stores them.
 */
public final class TimeArgument {
  private static final Pattern PHRASE =
      Pattern.compile(
          "^(?:in\\s+)?(\\d+)\\s*(s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?|w|weeks?|months?|y|years?)$");

  private TimeArgument() {}

  public static Instant parse(String text, Clock clock) throws UsageException {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (t.equals("now")) {
      return now;
    }
    Matcher m = PHRASE.matcher(t);
    if (m.matches()) {
      try {
        return now.plus(phrase(Long.parseLong(m.group(1)), m.group(2)));
      } catch (ArithmeticException | java.time.DateTimeException | NumberFormatException e) {
        throw new UsageException("'" + text + "' is too far in the future");
      }
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant().truncatedTo(ChronoUnit.SECONDS);
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "'"
              + text
              + "' is not a time: use RFC 3339 (2030-01-01T00:00:00Z), 'now', or 'in 7 days'");
    }
  }

  /** n units as a duration; a month is 30 days and a year 365, as the phrase means. */
  private static Duration phrase(long n, String unit) {
    if (unit.startsWith("mo")) {
      return Duration.ofDays(Math.multiplyExact(30, n));
    }
    return switch (unit.charAt(0)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      case 'w' -> Duration.ofDays(Math.multiplyExact(7, n));
      default -> Duration.ofDays(Math.multiplyExact(365, n));
    };
  }
}
