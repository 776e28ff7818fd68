package dev.keel.tuf.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationResultTest {
  @Test
  void verifiedWhenSignedKeysReachTheThreshold() {
    assertTrue(new VerificationResult(Set.of("a", "b"), Set.of("c"), 2).isVerified());
    assertFalse(new VerificationResult(Set.of("a"), Set.of("b", "c"), 2).isVerified());
    assertEquals(1, new VerificationResult(Set.of("a"), Set.of(), 1).verifiedCount());
  }

  @Test
  void isImmutableAndKeepsOrder() {
    Set<String> signed = new HashSet<>(Set.of("a"));
    VerificationResult result =
        new VerificationResult(signed, new java.util.LinkedHashSet<>(List.of("z", "b")), 1);
    signed.add("x");
    assertEquals(Set.of("a"), result.signedKeyIds());
    assertEquals(List.of("z", "b"), List.copyOf(result.unsignedKeyIds()));
    assertThrows(UnsupportedOperationException.class, () -> result.signedKeyIds().add("y"));
  }
}
