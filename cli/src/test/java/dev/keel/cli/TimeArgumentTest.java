package dev.keel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void acceptsPhrasesNowAndRfc3339() throws Exception {
    Clock c = Clock.fixed(NOW, ZoneOffset.UTC);
    assertEquals(NOW.plusSeconds(7 * 86400), TimeArgument.parse("in 7 days", c));
    assertEquals(NOW.plusSeconds(2 * 3600), TimeArgument.parse("2 hours", c));
    assertEquals(
        Instant.parse("2030-01-01T00:00:00Z"), TimeArgument.parse("2030-01-01T01:00:00+01:00", c));
    assertEquals(NOW, TimeArgument.parse("now", c));
    assertThrows(UsageException.class, () -> TimeArgument.parse("someday", c));
    assertEquals(NOW.plusSeconds(30L * 86400), TimeArgument.parse("in 1 month", c));
    for (String huge :
        new String[] {
          "in 99999999999999999999 days", "in 9223372036854775807 weeks", "in 999999999999 years"
        }) {
      assertThrows(UsageException.class, () -> TimeArgument.parse(huge, c), huge);
    }
  }
}
