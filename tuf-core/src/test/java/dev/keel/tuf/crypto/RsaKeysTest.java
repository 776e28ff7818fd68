package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RsaKeysTest {
  private static final BigInteger F4 = BigInteger.valueOf(65537);

  @Test
  void sizeLimitsAreInclusive() {
    assertDoesNotThrow(() -> RsaKeys.checkPublic("k", BigInteger.ONE.shiftLeft(2047), F4));
    assertDoesNotThrow(() -> RsaKeys.checkPublic("k", BigInteger.ONE.shiftLeft(8191), F4));
    assertEquals(Reason.KEY_SIZE, reason(BigInteger.ONE.shiftLeft(2046), F4));
    assertEquals(Reason.KEY_SIZE, reason(BigInteger.ONE.shiftLeft(8192), F4));
  }

  @Test
  void exponentMustBeOddAndAtLeastThree() {
    BigInteger n = BigInteger.ONE.shiftLeft(2047);
    assertDoesNotThrow(() -> RsaKeys.checkPublic("k", n, BigInteger.valueOf(3)));
    assertEquals(Reason.MALFORMED, reason(n, BigInteger.ONE));
    assertEquals(Reason.MALFORMED, reason(n, BigInteger.valueOf(65536)));
  }

  private static Reason reason(BigInteger n, BigInteger e) {
    return assertThrows(KeyException.class, () -> RsaKeys.checkPublic("k", n, e)).reason();
  }
}
