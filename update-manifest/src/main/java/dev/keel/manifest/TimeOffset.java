package dev.keel.manifest;

import java.time.Duration;

/**
 * Relative offsets in publisher files ({@code start_after}, {@code *_expiration}), read as
 * Bottlerocket's {@code parse_datetime::parse_offset}: {@code "[in] <count> <unit>"}, words
 * separated by whitespace, {@code count} an unsigned 32-bit decimal integer (an optional leading
 * {@code +} is accepted, as Rust's integer parser does) and {@code unit} one of {@code minute},
 * {@code hour}, {@code day}, {@code week} or its plural, in lower case. Examples: {@code "1 hour"},
 * {@code "30 minutes"}, {@code "2 days"}, {@code "in 2 weeks"}. Months, years, seconds, negative
 * values and combinations ({@code "1 day 2 hours"}) are rejected, so a file we accept is one the
 * original accepts.
 */
final class TimeOffset {
  private TimeOffset() {}

  /**
   * Parses one offset.
   *
   * @throws OffsetFormatException naming the text and what is wrong
   */
  static Duration parse(String text) throws OffsetFormatException {
    String[] words = text.trim().split("\\s+");
    if (words.length != 2 && words.length != 3) {
      throw new OffsetFormatException(text, "expected something like '7 days' or 'in 7 days'");
    }
    if (words.length == 3 && !words[0].equals("in")) {
      throw new OffsetFormatException(text, "expected prefix 'in', something like 'in 7 days'");
    }
    String countText = words[words.length - 2];
    String unit = words[words.length - 1];
    String digits = countText.startsWith("+") ? countText.substring(1) : countText;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new OffsetFormatException(text, "count '" + countText + "' is not an unsigned integer");
    }
    long count;
    try {
      count = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      count = -1;
    }
    if (count < 0 || count > 0xFFFF_FFFFL) {
      throw new OffsetFormatException(text, "count '" + countText + "' is too large");
    }
    return switch (unit) {
      case "minute", "minutes" -> Duration.ofMinutes(count);
      case "hour", "hours" -> Duration.ofHours(count);
      case "day", "days" -> Duration.ofDays(count);
      case "week", "weeks" -> Duration.ofDays(count * 7);
      default ->
          throw new OffsetFormatException(
              text, "unit '" + unit + "' must be minutes, hours, days or weeks");
    };
  }
}
