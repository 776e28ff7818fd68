package dev.keel.reposerver.http;

import io.netty.util.AsciiString;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 section 5.6.7): written as IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37
 * GMT}, always two day digits), read in any form {@link DateTimeFormatter#RFC_1123_DATE_TIME}
 * accepts. {@link #now} keeps the text of the current second, so the {@code Date} header of every
 * response costs one clock read; one instance per event loop (not thread-safe).
 */
final class HttpDate {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final Clock clock;
  private long second = Long.MIN_VALUE;
  private CharSequence text;

  HttpDate(Clock clock) {
    this.clock = clock;
  }

  static String format(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  /** The instant of an HTTP date, or empty if {@code text} is not one. */
  static Optional<Instant> parse(String text) {
    try {
      return Optional.of(
          ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The current time as an IMF-fixdate, encoded for a header. */
  CharSequence now() {
    long s = clock.millis() / 1000;
    if (s != second) {
      second = s;
      text = new AsciiString(format(Instant.ofEpochSecond(s)));
    }
    return text;
  }
}
