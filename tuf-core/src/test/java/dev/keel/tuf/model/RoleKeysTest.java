package dev.keel.tuf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RoleKeys writes out equals and hashCode (ADR 0010): every component still counts. */
class RoleKeysTest {
  @Test
  void equalWhenKeyIdsThresholdAndUnrecognizedFieldsAre() {
    RoleKeys keys = new RoleKeys(List.of("a", "b"), 1, Map.of("x-custom", TextNode.valueOf("1")));
    RoleKeys same = new RoleKeys(List.of("a", "b"), 1, Map.of("x-custom", TextNode.valueOf("1")));
    assertEquals(keys, same);
    assertEquals(keys.hashCode(), same.hashCode());
    assertNotEquals(keys, new RoleKeys(List.of("b", "a"), 1, keys.unrecognized()));
    assertNotEquals(keys, new RoleKeys(List.of("a", "b"), 2, keys.unrecognized()));
    assertNotEquals(keys, new RoleKeys(List.of("a", "b"), 1));
    assertNotEquals(keys, null);
  }
}
