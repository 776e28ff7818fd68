package dev.keel.tuf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternTest {
  @ParameterizedTest
  @CsvSource({
    "targets/*.tgz, targets/foo.tgz, true",
    "targets/*.tgz, targets/a/foo.tgz, false",
    "*, foo, true",
    "*, dir/foo, false",
    "*/*, dir/foo, true",
    "foo-version-?.tgz, foo-version-2.tgz, true",
    "foo-version-?.tgz, foo-version-22.tgz, false",
    "file[0-9].txt, file5.txt, true",
    "file[!0-9].txt, file5.txt, false",
    "images/*, images/a, true",
    "images/*, images, false",
    "a/**/b, a/x/b, true",
    "a/**/b, a/x/y/b, false",
    "exact.txt, exact.txt, true",
    "exact.txt, exact.txtx, false",
  })
  void matchesLikeTheSpecification(String pattern, String path, boolean expected) {
    assertEquals(expected, PathPattern.matches(pattern, path));
  }
}
