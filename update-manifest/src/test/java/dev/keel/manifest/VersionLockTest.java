package dev.keel.manifest;

import static dev.keel.manifest.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionLockTest {

  @Test
  void latestIsTheLatestLock() throws Exception {
    assertInstanceOf(VersionLock.Latest.class, VersionLock.parse("latest"));
    assertEquals("latest", VersionLock.parse("latest").toString());
    assertEquals(VersionLock.latest(), VersionLock.parse("latest"));
  }

  @ParameterizedTest
  @CsvSource({
    "1.26.1, 1.26.1",
    "v1.26.1, 1.26.1",
    "v1.0.0-rc.1, 1.0.0-rc.1",
    "1.0.0+build, 1.0.0+build"
  })
  void exactVersionsWithOptionalV(String text, String version) throws Exception {
    assertEquals(new VersionLock.Exact(v(version)), VersionLock.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Latest", "LATEST", " latest", "V1.2.3", "vv1.2.3", "1.2", "v1", "", "newest"})
  void rejectsAnythingElseWithTheOriginalsMessage(String text) {
    VersionFormatException e =
        assertThrows(VersionFormatException.class, () -> VersionLock.parse(text));
    assertEquals("Bad version string '" + text + "'", e.getMessage());
    assertEquals(text, e.input());
  }
}
