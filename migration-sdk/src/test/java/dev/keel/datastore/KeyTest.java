package dev.keel.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTest {
  @Test
  void dottedAndQuotedSegments() throws Exception {
    assertEquals(List.of("a", "b", "c"), Key.parse("a.b.c").segments());
    Key quoted = Key.parse("a.\"b.c\".d");
    assertEquals(List.of("a", "b.c", "d"), quoted.segments());
    assertEquals("a.\"b.c\".d", quoted.name());
    assertEquals("a.b", Key.parse("a.\"b\"").name());
    assertEquals(List.of("a-b_c/d"), Key.parse("a-b_c/d").segments());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a..b", ".a", "a.", "a.\"b", "a b", "a.$", "é"})
  void invalidNames(String name) {
    assertThrows(InvalidKeyException.class, () -> Key.parse(name));
  }

  @Test
  void lengthAndMetadataRules() throws Exception {
    Key.parse("a".repeat(255));
    assertThrows(InvalidKeyException.class, () -> Key.parse("a".repeat(256)));
    assertEquals("meta", Key.parseMetadata("meta").name());
    assertEquals(List.of("a.b"), Key.parseMetadata("\"a.b\"").segments());
    assertThrows(InvalidKeyException.class, () -> Key.parseMetadata("a.b"));
  }

  @Test
  void prefixIsBySegment() throws Exception {
    assertTrue(Key.parse("settings.ntp.servers").startsWith(Key.parse("settings.ntp")));
    assertFalse(Key.parse("settings.ntpd").startsWith(Key.parse("settings.ntp")));
  }
}
