package dev.keel.manifest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wave times as the original reads and writes them (chrono's {@code DateTime<Utc>} serde form).
 *
 * <p><b>Reading</b> accepts RFC 3339 plus the relaxations chrono's parser allows and real manifests
 * use (the upstream fixtures contain {@code "2019-8-06T15:00:00Z"}): one- or two-digit month, day,
 * hour, minute and second; {@code T}, {@code t} or a space between date and time; any number of
 * fraction digits (beyond nanoseconds they are dropped); optional whitespace, then {@code Z},
 * {@code z}, {@code ±HH:MM} or {@code ±HHMM}. The year has four digits. A leap second ({@code :60})
 * is rejected, and so is a time that falls outside {@link #EARLIEST}..{@link #LATEST} once its
 * offset is applied (for example {@code 0000-01-01T00:00:00+01:00}, which is in year -1 in UTC).
 *
 * <p><b>Writing</b> is chrono's {@code to_rfc3339_opts(SecondsFormat::AutoSi, true)} in UTC: no
 * fraction for whole seconds, otherwise 3, 6 or 9 digits, whichever is exact, then {@code Z}. Only
 * times in the range reading accepts can be written, so whatever is written reads back.
 */
final class Rfc3339 {
  /** The first time the wire form holds in UTC: year 0000 (four digits, no sign). */
  static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

  /** The last time the wire form holds in UTC: the end of year 9999. */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** The range in words, for messages. */
  static final String RANGE =
      "the times manifest.json can hold (" + EARLIEST + " to " + LATEST + ")";

  private static final Pattern TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})[Tt ](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d+))?"
              + "\\s*(?:([Zz])|([+-])(\\d{2}):?(\\d{2}))");

  private Rfc3339() {}

  /**
   * Parses one time.
   *
   * @throws DateTimeException if the text is not a time in the accepted form
   */
  static Instant parse(String text) {
    Matcher m = TIME.matcher(text);
    if (!m.matches()) {
      throw new DateTimeException("not an RFC 3339 time: '" + text + "'");
    }
    int nanos = 0;
    if (m.group(7) != null) {
      String digits = (m.group(7) + "000000000").substring(0, 9);
      nanos = Integer.parseInt(digits);
    }
    LocalDateTime local;
    try {
      local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)),
              nanos);
    } catch (DateTimeException e) {
      throw new DateTimeException("not an RFC 3339 time: '" + text + "': " + e.getMessage(), e);
    }
    ZoneOffset offset = ZoneOffset.UTC;
    if (m.group(8) == null) {
      int hours = Integer.parseInt(m.group(10));
      int minutes = Integer.parseInt(m.group(11));
      if (hours > 23 || minutes > 59) {
        throw new DateTimeException("bad UTC offset in '" + text + "'");
      }
      int sign = m.group(9).equals("-") ? -1 : 1;
      offset = ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
    }
    Instant instant = local.toInstant(offset);
    if (!inRange(instant)) {
      throw new DateTimeException("'" + text + "' is outside " + RANGE);
    }
    return instant;
  }

  /**
   * True if {@code instant} can be written and read back: between {@link #EARLIEST} and {@link
   * #LATEST}.
   */
  static boolean inRange(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }

  /**
   * The chrono AutoSi form in UTC, for example {@code 2019-10-06T15:00:00Z}.
   *
   * @throws IllegalArgumentException if the time is outside {@link #EARLIEST}..{@link #LATEST}
   *     (callers check with {@link #inRange} first; {@link Update} holds no other)
   */
  static String format(Instant instant) {
    if (!inRange(instant)) {
      throw new IllegalArgumentException(instant + " is outside " + RANGE);
    }
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(30);
    sb.append(
        String.format(
            "%04d-%02d-%02dT%02d:%02d:%02d",
            t.getYear(),
            t.getMonthValue(),
            t.getDayOfMonth(),
            t.getHour(),
            t.getMinute(),
            t.getSecond()));
    int nanos = t.getNano();
    if (nanos != 0) {
      if (nanos % 1_000_000 == 0) {
        sb.append(String.format(".%03d", nanos / 1_000_000));
      } else if (nanos % 1_000 == 0) {
        sb.append(String.format(".%06d", nanos / 1_000));
      } else {
        sb.append(String.format(".%09d", nanos));
      }
    }
    return sb.append('Z').toString();
  }
}
