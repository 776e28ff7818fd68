package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The RSA key rules TUF repositories follow (tough uses ring's 2048..8192-bit RSA-PSS verifier).
 */
final class RsaKeys {
  static final int MIN_BITS = 2048;
  static final int MAX_BITS = 8192;

  private RsaKeys() {}

  /**
   * @throws KeyException ({@link Reason#KEY_SIZE}) if the modulus is outside 2048..8192 bits or the
   *     public exponent is not an odd number of at least 3
   */
  static void checkPublic(String what, BigInteger modulus, BigInteger exponent)
      throws KeyException {
    int bits = modulus.bitLength();
    if (bits < MIN_BITS || bits > MAX_BITS) {
      throw new KeyException(
          Reason.KEY_SIZE,
          what
              + " is a "
              + bits
              + "-bit RSA key; "
              + MIN_BITS
              + " to "
              + MAX_BITS
              + " bits are allowed");
    }
    if (exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0)) {
      throw new KeyException(
          Reason.MALFORMED, what + " has an unusable RSA public exponent " + exponent);
    }
  }

  /** The standard rsaEncryption SubjectPublicKeyInfo of (n, e). */
  static SubjectPublicKeyInfo subjectPublicKeyInfo(BigInteger modulus, BigInteger exponent) {
    try {
      return new SubjectPublicKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
          new RSAPublicKey(modulus, exponent));
    } catch (IOException e) {
      // Encoding an in-memory structure does no IO.
      throw new IllegalStateException(e);
    }
  }
}
