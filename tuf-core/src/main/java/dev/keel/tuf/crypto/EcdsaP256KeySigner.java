package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.Key;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * Signs with an ECDSA P-256 key over SHA-256, with deterministic nonces (RFC 6979), producing ASN.1
 * DER signatures.
 */
final class EcdsaP256KeySigner extends SigningKey {
  private final ECPrivateKeyParameters privateKey;

  private EcdsaP256KeySigner(ECPrivateKeyParameters privateKey) {
    super(
        new Key(
            KeyScheme.ECDSA_P256.keyType(),
            KeyScheme.ECDSA_P256.scheme(),
            PublicKeyPem.encode(
                P256.subjectPublicKeyInfo(P256.publicKeyOf(privateKey.getD()).getQ()))));
    this.privateKey = privateKey;
  }

  /**
   * @throws KeyException {@link Reason#UNSUPPORTED} unless the key is on P-256, {@link
   *     Reason#MALFORMED} if the scalar is out of range
   */
  static EcdsaP256KeySigner of(ECPrivateKeyParameters key, String source) throws KeyException {
    if (!P256.matches(key.getParameters())) {
      throw new KeyException(
          Reason.UNSUPPORTED, source + ": EC private key is not on the P-256 curve");
    }
    BigInteger d = key.getD();
    if (d.signum() <= 0 || d.compareTo(P256.DOMAIN.getN()) >= 0) {
      throw new KeyException(Reason.MALFORMED, source + ": EC private scalar is out of range");
    }
    // Rebase onto the named, specialised curve so encodings name it and arithmetic is fast.
    return new EcdsaP256KeySigner(new ECPrivateKeyParameters(d, P256.DOMAIN));
  }

  @Override
  public KeyScheme scheme() {
    return KeyScheme.ECDSA_P256;
  }

  @Override
  AsymmetricKeyParameter privateKeyParameters() {
    return privateKey;
  }

  @Override
  public byte[] sign(byte[] data) throws KeyException {
    try {
      // The HMAC digest only derives the nonce; the message is hashed by the JDK.
      ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      signer.init(true, privateKey);
      BigInteger[] rs = signer.generateSignature(HashAlgorithm.SHA256.digest(data));
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])})
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException | RuntimeException e) {
      throw new KeyException(
          Reason.SIGNING_FAILED, "ECDSA signing with key " + keyId() + " failed", e);
    }
  }
}
