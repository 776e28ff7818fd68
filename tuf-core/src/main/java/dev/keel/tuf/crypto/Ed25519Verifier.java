package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import dev.keel.tuf.error.SignatureInvalidException;
import dev.keel.tuf.model.Bytes;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Verifies Ed25519 signatures (RFC 8032, pure, 64-byte signatures). Immutable and thread-safe. */
final class Ed25519Verifier implements Verifier {
  /**
   * id-Ed25519 (RFC 8410) for SubjectPublicKeyInfo and PKCS#8. Bouncy Castle names it only in its
   * PKIX utility jar, which nothing else here needs.
   */
  static final AlgorithmIdentifier ALGORITHM =
      new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112"));

  private static final int PUBLIC_KEY_HEX_LENGTH = 2 * Ed25519PublicKeyParameters.KEY_SIZE;

  private final String keyId;
  private final Ed25519PublicKeyParameters publicKey;

  private Ed25519Verifier(String keyId, Ed25519PublicKeyParameters publicKey) {
    this.keyId = keyId;
    this.publicKey = publicKey;
  }

  /**
   * @throws KeyException ({@link Reason#MALFORMED}) unless {@code hex} is 64 hex digits of a valid
   *     point
   */
  static Ed25519Verifier fromPublicValue(String keyId, String hex) throws KeyException {
    if (hex.length() != PUBLIC_KEY_HEX_LENGTH) {
      throw new KeyException(
          Reason.MALFORMED,
          "Ed25519 public key "
              + keyId
              + " must be "
              + PUBLIC_KEY_HEX_LENGTH
              + " hex characters, got "
              + hex.length());
    }
    try {
      return new Ed25519Verifier(
          keyId, new Ed25519PublicKeyParameters(HexFormat.of().parseHex(hex)));
    } catch (IllegalArgumentException e) {
      throw new KeyException(
          Reason.MALFORMED,
          "Ed25519 public key " + keyId + " is not valid hex of a curve point",
          e);
    }
  }

  @Override
  public void verify(byte[] data, byte[] signature) throws SignatureInvalidException {
    if (signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
      throw new SignatureInvalidException(
          keyId,
          "Ed25519 signature must be "
              + Ed25519PrivateKeyParameters.SIGNATURE_SIZE
              + " bytes, got "
              + signature.length);
    }
    boolean valid;
    try {
      // What Ed25519Signer.verifySignature does, without the signer: its init consults Bouncy
      // Castle's CryptoServicesRegistrar, whose set-up starts java.util.logging (a class path scan
      // and the JDK's logging configuration) on every process that verifies (ADR 0010).
      valid = publicKey.verify(Ed25519.Algorithm.Ed25519, null, data, 0, data.length, signature, 0);
    } catch (RuntimeException e) {
      throw new SignatureInvalidException(keyId, "Ed25519 verification failed", e);
    }
    if (!valid) {
      throw new SignatureInvalidException(keyId, "Ed25519 signature does not match the data");
    }
  }

  @Override
  public Optional<Bytes> subjectPublicKeyInfo() {
    SubjectPublicKeyInfo info = new SubjectPublicKeyInfo(ALGORITHM, publicKey.getEncoded());
    return Optional.of(Bytes.wrap(PublicKeyPem.der(info)));
  }
}
