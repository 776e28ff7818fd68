package dev.keel.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeOffsetTest {

  @ParameterizedTest
  @CsvSource({
    "1 hour, PT1H",
    "4 hours, PT4H",
    "1 day, PT24H",
    "2 days, PT48H",
    "30 minutes, PT30M",
    "1 minute, PT1M",
    "2 weeks, PT336H",
    "1 week, PT168H",
    "in 7 days, PT168H",
    "'  6   days ', PT144H",
    "0 hours, PT0S",
    "+3 hours, PT3H",
    "180 minutes, PT3H",
    "4294967295 minutes, PT71582788H15M"
  })
  void parsesTheOriginalsOffsets(String text, String expected) throws Exception {
    assertEquals(Duration.parse(expected), TimeOffset.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "hours",
        "1",
        "1hour",
        "1 Hour",
        "1 month",
        "1 year",
        "30 seconds",
        "-1 hour",
        "1.5 hours",
        "at 1 hour",
        "in 1 day ago",
        "1 day 2 hours",
        "4294967296 hours",
        "2019-10-06T15:00:00Z",
        "in"
      })
  void rejectsEverythingElse(String text) {
    OffsetFormatException e =
        assertThrows(OffsetFormatException.class, () -> TimeOffset.parse(text));
    assertEquals(text, e.input());
  }
}
