package dev.keel.tuf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.InvalidTargetPathException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPathTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "a\\b", "a/", ".."})
  void rejectsUnsafeNames(String name) {
    assertThrows(InvalidTargetPathException.class, () -> TargetPath.of(name));
  }

  @Test
  void keepsSafeNamesAndConsistentNamesKeepTheDirectory() throws Exception {
    TargetPath p = TargetPath.of("migrations/migrate_v1.lz4");
    assertEquals("migrate_v1.lz4", p.fileName());
    assertEquals("migrations/abc.migrate_v1.lz4", MetadataPaths.target(p.value(), "abc", true));
    assertEquals("migrations/migrate_v1.lz4", MetadataPaths.target(p.value(), "abc", false));
  }

  @Test
  void roleNamesArePercentEncodedIntoOneSegment() {
    assertEquals("3.a%2Fb%20c.json", MetadataPaths.role("a/b c", 3, true));
    assertEquals("..%2F.json", MetadataPaths.role("../", 5, false));
    assertEquals("7.snapshot.json", MetadataPaths.role("snapshot", 7, true));
  }
}
