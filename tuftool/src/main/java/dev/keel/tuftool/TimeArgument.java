package dev.keel.tuftool;

import dev.keel.cli.UsageException;
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
final class TimeArgument {
  private static final Pattern PHRASE = Pattern.compile(
      "^(?:in\\s+)?(\\d+)\\s*(s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?|w|weeks?|months?|y|years?)$");

  private TimeArgument() {}

  static Instant parse(String text, Clock clock) throws UsageException {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (t.equals("now")) {
      return now;
    }
    Matcher m = PHRASE.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2);
      Duration d;
      if (unit.startsWith("mo")) {
        d = Duration.ofDays(30 * n);
      } else if (unit.startsWith("s")) {
        d = Duration.ofSeconds(n);
      } else if (unit.startsWith("m")) {
        d = Duration.ofMinutes(n);
      } else if (unit.startsWith("h")) {
        d = Duration.ofHours(n);
      } else if (unit.startsWith("d")) {
        d = Duration.ofDays(n);
      } else if (unit.startsWith("w")) {
        d = Duration.ofDays(7 * n);
      } else {
        d = Duration.ofDays(365 * n);
      }
      return now.plus(d);
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant().truncatedTo(ChronoUnit.SECONDS);
    } catch (DateTimeParseException e) {
      throw new UsageException("'" + text + "' is not a time: use RFC 3339 (2030-01-01T00:00:00Z), 'now', or 'in 7 days'");
    }
  }
}
