package dev.keel.tuf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DelegationsTest {
  private static DelegatedRole role(String name, boolean terminating, String... paths) {
    return DelegatedRole.withPaths(name, List.of("k"), 1, terminating, List.of(paths));
  }

  @Test
  void matchingRolesInOrderUpToTheFirstTerminatingOne() {
    Delegations d =
        Delegations.ofRoles(
            Map.of(),
            List.of(
                role("a", false, "x/*"),
                role("b", false, "*"),
                role("c", true, "*.txt"),
                role("d", false, "*")));
    assertEquals(new Delegations.RolesForTarget(List.of("b", "c"), true), d.rolesFor("f.txt"));
    // "*" stays within one path segment (python-tuf's fnmatch per segment).
    assertEquals(new Delegations.RolesForTarget(List.of("a"), false), d.rolesFor("x/f.bin"));
    assertEquals(List.of("b", "d"), d.rolesFor("other").names());
  }

  @Test
  void pathHashPrefixesSelectByTheHashOfThePath() {
    String hash = DelegatedRole.pathHash("some/file");
    Delegations d =
        Delegations.ofRoles(
            Map.of(),
            List.of(
                DelegatedRole.withHashPrefixes(
                    "miss", List.of("k"), 1, false, List.of(hash.charAt(0) == '0' ? "1" : "0")),
                DelegatedRole.withHashPrefixes(
                    "hit", List.of("k"), 1, true, List.of(hash.substring(0, 2)))));
    assertEquals(new Delegations.RolesForTarget(List.of("hit"), true), d.rolesFor("some/file"));
  }

  @Test
  void hashBinsNameOneBinAndNeverTerminate() {
    SuccinctRoles bins = new SuccinctRoles(List.of("k"), 1, 8, "bin");
    Delegations d = Delegations.ofSuccinct(Map.of(), bins);
    Delegations.RolesForTarget r = d.rolesFor("packages/a.rpm");
    assertEquals(List.of(bins.roleForTarget("packages/a.rpm")), r.names());
    assertFalse(r.terminated());
    assertTrue(r.names().get(0).startsWith("bin-"));
  }
}
