package dev.keel.manifest;

import static dev.keel.manifest.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

  @ParameterizedTest
  @CsvSource({
    "1.2.3, 1, 2, 3, '', ''",
    "0.0.0, 0, 0, 0, '', ''",
    "1.26.1, 1, 26, 1, '', ''",
    "1.0.0-alpha.1, 1, 0, 0, alpha.1, ''",
    "1.0.0-0.3.7, 1, 0, 0, 0.3.7, ''",
    "1.0.0-x-y-z.--, 1, 0, 0, x-y-z.--, ''",
    "1.0.0+20130313144700, 1, 0, 0, '', 20130313144700",
    "1.0.0-beta+exp.sha.5114f85, 1, 0, 0, beta, exp.sha.5114f85",
    "1.0.0+001, 1, 0, 0, '', 001",
    "9223372036854775807.0.0, 9223372036854775807, 0, 0, '', ''"
  })
  void parsesValidVersions(
      String text, long major, long minor, long patch, String pre, String build) throws Exception {
    SemVer v = SemVer.parse(text);
    assertEquals(new SemVer(major, minor, patch, pre, build), v);
    assertEquals(text, v.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "1.2",
        "1.2.3.4",
        "v1.2.3",
        " 1.2.3",
        "1.2.3 ",
        "01.2.3",
        "1.02.3",
        "1.2.03",
        "1.2.3-",
        "1.2.3+",
        "1.2.3-01",
        "1.2.3-a..b",
        "1.2.3-a_b",
        "1.2.3+a+b",
        "-1.2.3",
        "1.2.x",
        "1.0",
        "9223372036854775808.0.0",
        "latest"
      })
  void rejectsInvalidVersions(String text) {
    VersionFormatException e = assertThrows(VersionFormatException.class, () -> SemVer.parse(text));
    assertEquals(text, e.input());
    assertTrue(e.getMessage().startsWith("Invalid SemVer '" + text + "'"), e.getMessage());
  }

  @Test
  void precedenceFollowsTheSemVerSpecExample() {
    List<SemVer> ordered =
        List.of(
            v("1.0.0-alpha"),
            v("1.0.0-alpha.1"),
            v("1.0.0-alpha.beta"),
            v("1.0.0-beta"),
            v("1.0.0-beta.2"),
            v("1.0.0-beta.11"),
            v("1.0.0-rc.1"),
            v("1.0.0"),
            v("1.0.1"),
            v("1.1.0"),
            v("1.10.0"),
            v("2.0.0"));
    List<SemVer> shuffled = new ArrayList<>(ordered);
    Collections.reverse(shuffled);
    Collections.sort(shuffled);
    assertEquals(ordered, shuffled);
    for (int i = 0; i + 1 < ordered.size(); i++) {
      assertTrue(ordered.get(i).isBefore(ordered.get(i + 1)), ordered.get(i) + " < next");
      assertTrue(ordered.get(i + 1).isAfter(ordered.get(i)));
    }
  }

  @Test
  void numericPreReleaseIdentifiersCompareNumericallyEvenWhenHuge() {
    assertTrue(v("1.0.0-99999999999999999999999").isAfter(v("1.0.0-99999999999999999999998")));
    assertTrue(v("1.0.0-2").isBefore(v("1.0.0-10")));
    assertTrue(v("1.0.0-999").isBefore(v("1.0.0-a")), "numeric ranks below alphanumeric");
  }

  @Test
  void buildMetadataIsIgnoredForPrecedenceButNotForEquality() {
    SemVer a = v("1.0.0+a");
    SemVer b = v("1.0.0+b");
    assertEquals(0, a.compareTo(b));
    assertNotEquals(a, b);
    assertEquals(0, a.compareTo(v("1.0.0")));
  }

  @Test
  void maxPrefersTheSecondOnEqualPrecedence() {
    assertEquals(v("2.0.0"), SemVer.max(v("2.0.0"), v("1.0.0")));
    assertEquals(v("2.0.0"), SemVer.max(v("1.0.0"), v("2.0.0")));
    assertEquals(v("1.0.0+b"), SemVer.max(v("1.0.0+a"), v("1.0.0+b")));
  }

  @Test
  void constructorValidates() {
    assertThrows(IllegalArgumentException.class, () -> new SemVer(-1, 0, 0, "", ""));
    assertThrows(IllegalArgumentException.class, () -> new SemVer(1, 0, 0, "01", ""));
    assertThrows(IllegalArgumentException.class, () -> new SemVer(1, 0, 0, "", "a..b"));
    assertFalse(SemVer.of(1, 2, 3).isPreRelease());
    assertTrue(v("1.2.3-rc.1").isPreRelease());
  }
}
