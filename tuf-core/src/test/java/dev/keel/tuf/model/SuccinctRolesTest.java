package dev.keel.tuf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuccinctRolesTest {
  @Test
  void namesBinsWithZeroPaddedHex() {
    SuccinctRoles bins = new SuccinctRoles(List.of("k"), 1, 8, "bin");
    assertEquals(256, bins.roleNames().size());
    assertEquals("bin-00", bins.roleNames().get(0));
    assertEquals("bin-ff", bins.roleNames().get(255));
    assertEquals("bin-0", new SuccinctRoles(List.of("k"), 1, 1, "bin").roleName(0));
    assertEquals("bin-3ff", new SuccinctRoles(List.of("k"), 1, 10, "bin").roleName(1023));
  }

  @Test
  void assignsTargetsByTheLeadingHashBits() {
    SuccinctRoles bins = new SuccinctRoles(List.of("k"), 1, 8, "bin");
    // sha256("foo.txt") starts with ddab29ff...; the first 8 bits are 0xdd.
    assertEquals("ddab29ff", DelegatedRole.pathHash("foo.txt").substring(0, 8));
    assertEquals("bin-dd", bins.roleForTarget("foo.txt"));
    // With 4 bits only the first hex digit counts.
    assertEquals("bin-d", new SuccinctRoles(List.of("k"), 1, 4, "bin").roleForTarget("foo.txt"));
  }

  @Test
  void recognisesOnlyItsOwnBinNames() {
    SuccinctRoles bins = new SuccinctRoles(List.of("k"), 1, 4, "bin");
    assertTrue(bins.isRole("bin-a"));
    assertFalse(bins.isRole("bin-0a"));
    assertFalse(bins.isRole("bin-g"));
    assertFalse(bins.isRole("other-a"));
  }
}
