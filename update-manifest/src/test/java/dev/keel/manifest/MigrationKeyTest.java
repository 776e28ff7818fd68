package dev.keel.manifest;

import static dev.keel.manifest.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationKeyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(1.0.0, 1.1.0)",
        "(1.0.0,1.1.0)",
        "(1.0.0,    1.1.0)",
        "prefix (1.0.0, 1.1.0) suffix"
      })
  void acceptsTheOriginalsShapes(String text) throws Exception {
    MigrationKey key = MigrationKey.parse(text);
    assertEquals(new MigrationKey(v("1.0.0"), v("1.1.0")), key);
    assertEquals("(1.0.0, 1.1.0)", key.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(1.0, 1.1)",
        "1.0.0, 1.1.0",
        "(1.0.0 1.1.0)",
        "(1.0.0 ,1.1.0)",
        "(1.0.0,\t1.1.0)",
        "()",
        "(v1.0.0, 1.1.0)",
        "(1.0.0, latest)"
      })
  void rejectsOtherShapesAsCouldNotParseOsVersions(String text) {
    VersionFormatException e =
        assertThrows(VersionFormatException.class, () -> MigrationKey.parse(text));
    assertTrue(
        e.getMessage().startsWith("Could not parse OS versions from '" + text + "'"),
        e.getMessage());
  }
}
