package dev.keel.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

  @ParameterizedTest
  @CsvSource({
    "2019-10-06T15:00:00Z, 2019-10-06T15:00:00Z",
    "2019-8-06T15:00:00Z, 2019-08-06T15:00:00Z",
    "2019-8-6T5:0:0Z, 2019-08-06T05:00:00Z",
    "2019-10-06t15:00:00z, 2019-10-06T15:00:00Z",
    "2019-10-06 15:00:00Z, 2019-10-06T15:00:00Z",
    "2019-10-06T15:00:00 Z, 2019-10-06T15:00:00Z",
    "2019-10-06T17:00:00+02:00, 2019-10-06T15:00:00Z",
    "2019-10-06T10:30:00-0430, 2019-10-06T15:00:00Z",
    "2019-10-06T15:00:00.5Z, 2019-10-06T15:00:00.500Z",
    "2019-10-06T15:00:00.1234567891Z, 2019-10-06T15:00:00.123456789Z"
  })
  void parsesWhatChronoParses(String text, String instant) {
    assertEquals(Instant.parse(instant), Rfc3339.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2019-10-06",
        "2019-10-06T15:00:00",
        "2019-13-06T15:00:00Z",
        "2019-02-30T15:00:00Z",
        "2019-10-06T24:00:00Z",
        "2019-10-06T15:00:60Z",
        "19-10-06T15:00:00Z",
        "2019-10-06T15:00:00+25:00",
        "yesterday",
        "2019-10-06T15:00:00 UTC"
      })
  void rejectsTheRest(String text) {
    assertThrows(DateTimeException.class, () -> Rfc3339.parse(text));
  }

  @ParameterizedTest
  @CsvSource({
    "2019-10-06T15:00:00Z, 2019-10-06T15:00:00Z",
    "2019-10-06T15:00:00.100Z, 2019-10-06T15:00:00.100Z",
    "2019-10-06T15:00:00.120Z, 2019-10-06T15:00:00.120Z",
    "2019-10-06T15:00:00.000100Z, 2019-10-06T15:00:00.000100Z",
    "2019-10-06T15:00:00.000000001Z, 2019-10-06T15:00:00.000000001Z",
    "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z"
  })
  void formatsLikeChronoAutoSi(String instant, String text) {
    assertEquals(text, Rfc3339.format(Instant.parse(instant)));
  }
}
