package dev.keel.tuf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.error.InvalidTargetPathException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPathTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        "./",
        "../",
        "a/..",
        "a/b/../..",
        "/",
        "//",
        "/..",
        "a\\b",
        "a\u0000b"
      })
  void refusesNamesThatResolveToNothingOrAreNotPortable(String name) {
    InvalidTargetPathException e =
        assertThrows(InvalidTargetPathException.class, () -> TargetPath.of(name));
    assertEquals(name, e.path());
    assertThrows(IllegalArgumentException.class, () -> new TargetPath(name));
  }

  @ParameterizedTest
  @CsvSource({
    "foo/../bar/data1.txt, bar/data1.txt",
    "../x, x",
    "a/../../x, x",
    "../../../x, x",
    "a//b, a/b",
    "a/./b, a/b",
    "a/, a",
    "/etc/passwd, etc/passwd",
    "/this/../is/ok.txt, is/ok.txt",
    "plain.txt, plain.txt",
  })
  void keepsTheRawNameAndResolvesDotSegmentsForTheFile(String raw, String resolved)
      throws Exception {
    TargetPath p = TargetPath.of(raw);
    assertEquals(raw, p.raw());
    assertEquals(resolved, p.resolved());
    assertEquals(raw, p.toString());
  }

  @Test
  void theLocalFileIsTheResolvedNameAlwaysInsideTheFolder() throws Exception {
    Path out = Path.of("/srv/out");
    for (String raw :
        new String[] {
          "foo/../bar/data1.txt", "../../../../etc/passwd", "/etc/passwd", "a/../../b/./c"
        }) {
      Path file = TargetPath.of(raw).under(out);
      assertTrue(file.normalize().startsWith(out), raw + " -> " + file);
      assertEquals(file, file.normalize(), raw + " has no dot segments left");
    }
    assertEquals(out.resolve("bar/data1.txt"), TargetPath.of("foo/../bar/data1.txt").under(out));
  }

  @Test
  void equalityIsOnTheRawNameAsMetadataKeysTargetsByIt() throws Exception {
    assertEquals(TargetPath.of("a/b"), new TargetPath("a/b"));
    assertNotEquals(TargetPath.of("x/../a/b"), TargetPath.of("a/b"));
  }

  @Test
  void keepsSafeNamesAndConsistentNamesKeepTheDirectory() throws Exception {
    TargetPath p = TargetPath.of("migrations/migrate_v1.lz4");
    assertEquals("migrate_v1.lz4", p.fileName());
    assertEquals("migrations/abc.migrate_v1.lz4", MetadataPaths.target(p.resolved(), "abc", true));
    assertEquals("migrations/migrate_v1.lz4", MetadataPaths.target(p.resolved(), "abc", false));
    assertEquals("data1.txt", TargetPath.of("foo/../bar/data1.txt").fileName());
  }

  @Test
  void roleNamesArePercentEncodedIntoOneSegment() {
    assertEquals("3.a%2Fb%20c.json", MetadataPaths.role("a/b c", 3, true));
    assertEquals("..%2F.json", MetadataPaths.role("../", 5, false));
    assertEquals("7.snapshot.json", MetadataPaths.role("snapshot", 7, true));
  }
}
