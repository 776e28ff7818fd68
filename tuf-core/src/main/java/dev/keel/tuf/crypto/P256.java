package dev.keel.tuf.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The NIST P-256 curve, using Bouncy Castle's specialised field arithmetic (several times faster
 * than the generic curve) and carrying the named-curve OID so encodings name the curve.
 */
final class P256 {
  /** Immutable domain parameters. */
  static final ECNamedDomainParameters DOMAIN =
      new ECNamedDomainParameters(
          SECObjectIdentifiers.secp256r1,
          CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1));

  private P256() {}

  /**
   * Decodes an uncompressed or compressed point and checks that it is a valid public key.
   *
   * @throws IllegalArgumentException if the encoding is bad or the point is not a valid key
   */
  static ECPublicKeyParameters publicKey(byte[] encodedPoint) {
    return new ECPublicKeyParameters(DOMAIN.getCurve().decodePoint(encodedPoint), DOMAIN);
  }

  /** The public key of private scalar {@code d}. */
  static ECPublicKeyParameters publicKeyOf(BigInteger d) {
    return new ECPublicKeyParameters(DOMAIN.getG().multiply(d).normalize(), DOMAIN);
  }

  /** Whether {@code other} describes P-256, whatever implementation of the curve it uses. */
  static boolean matches(ECDomainParameters other) {
    return other.getN().equals(DOMAIN.getN())
        && other
            .getCurve()
            .getField()
            .getCharacteristic()
            .equals(DOMAIN.getCurve().getField().getCharacteristic())
        && other.getCurve().getA().toBigInteger().equals(DOMAIN.getCurve().getA().toBigInteger())
        && other.getCurve().getB().toBigInteger().equals(DOMAIN.getCurve().getB().toBigInteger())
        && Arrays.equals(other.getG().getEncoded(false), DOMAIN.getG().getEncoded(false));
  }

  /** The SubjectPublicKeyInfo of {@code q} with the named-curve OID and an uncompressed point. */
  static SubjectPublicKeyInfo subjectPublicKeyInfo(ECPoint q) {
    return new SubjectPublicKeyInfo(
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1),
        q.getEncoded(false));
  }
}
