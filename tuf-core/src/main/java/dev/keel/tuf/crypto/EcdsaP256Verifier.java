package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import dev.keel.tuf.error.SignatureInvalidException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.HashAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Verifies ECDSA P-256 / SHA-256 signatures encoded as ASN.1 DER {@code SEQUENCE {r, s}}. Only
 * strict DER is accepted (as ring, and so tough, does). Immutable and thread-safe.
 */
final class EcdsaP256Verifier implements Verifier {
  private final String keyId;
  private final ECPublicKeyParameters publicKey;

  private EcdsaP256Verifier(String keyId, ECPublicKeyParameters publicKey) {
    this.keyId = keyId;
    this.publicKey = publicKey;
  }

  /**
   * Accepts a PEM SubjectPublicKeyInfo naming the P-256 curve, or (legacy securesystemslib) the hex
   * of an uncompressed or compressed point.
   *
   * @throws KeyException {@link Reason#MALFORMED} if the value does not decode to a valid point,
   *     {@link Reason#UNSUPPORTED} if the PEM holds another algorithm or curve
   */
  static EcdsaP256Verifier fromPublicValue(String keyId, String value) throws KeyException {
    byte[] point =
        value.strip().startsWith("-----") ? pointFromPem(keyId, value) : pointFromHex(keyId, value);
    try {
      return new EcdsaP256Verifier(keyId, P256.publicKey(point));
    } catch (IllegalArgumentException e) {
      throw new KeyException(
          Reason.MALFORMED, "ECDSA public key " + keyId + " is not a valid P-256 point", e);
    }
  }

  private static byte[] pointFromPem(String keyId, String pem) throws KeyException {
    SubjectPublicKeyInfo info = PublicKeyPem.decode(pem);
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "ECDSA public key "
              + keyId
              + " is a "
              + info.getAlgorithm().getAlgorithm()
              + " key, not an EC key");
    }
    if (!(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)
        || !SECObjectIdentifiers.secp256r1.equals(curve)) {
      throw new KeyException(
          Reason.UNSUPPORTED, "ECDSA public key " + keyId + " is not on the named curve P-256");
    }
    return info.getPublicKeyData().getOctets();
  }

  private static byte[] pointFromHex(String keyId, String hex) throws KeyException {
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new KeyException(
          Reason.MALFORMED, "ECDSA public key " + keyId + " is neither PEM nor hex", e);
    }
  }

  @Override
  public void verify(byte[] data, byte[] signature) throws SignatureInvalidException {
    BigInteger[] rs = decodeDer(signature);
    boolean valid;
    try {
      ECDSASigner signer = new ECDSASigner();
      signer.init(false, publicKey);
      valid = signer.verifySignature(HashAlgorithm.SHA256.digest(data), rs[0], rs[1]);
    } catch (RuntimeException e) {
      throw new SignatureInvalidException(keyId, "ECDSA verification failed", e);
    }
    if (!valid) {
      throw new SignatureInvalidException(keyId, "ECDSA signature does not match the data");
    }
  }

  private BigInteger[] decodeDer(byte[] signature) throws SignatureInvalidException {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
      if (seq.size() != 2) {
        throw new SignatureInvalidException(
            keyId, "ECDSA signature is not a SEQUENCE of two INTEGERs");
      }
      BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
      BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
      if (!Arrays.equals(seq.getEncoded(ASN1Encoding.DER), signature)) {
        throw new SignatureInvalidException(keyId, "ECDSA signature is not strict DER");
      }
      return new BigInteger[] {r, s};
    } catch (IOException | RuntimeException e) {
      throw new SignatureInvalidException(keyId, "ECDSA signature is not valid ASN.1 DER", e);
    }
  }

  @Override
  public Optional<Bytes> subjectPublicKeyInfo() {
    return Optional.of(Bytes.wrap(PublicKeyPem.der(P256.subjectPublicKeyInfo(publicKey.getQ()))));
  }
}
