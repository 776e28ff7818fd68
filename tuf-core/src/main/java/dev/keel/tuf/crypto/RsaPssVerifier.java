package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import dev.keel.tuf.error.SignatureInvalidException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.HashAlgorithm;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.generators.MGF1BytesGenerator;
import org.bouncycastle.crypto.params.MGFParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * Verifies RSASSA-PSS signatures with SHA-256 and MGF1-SHA-256 under a 2048..8192-bit key.
 * Immutable and thread-safe.
 *
 * <p>Salt length: tough and securesystemslib sign with a 32-byte salt (the digest length), which is
 * tried first. securesystemslib verifies with "auto" salt length, so signatures with any other salt
 * length (some KMS and Vault signers use the maximum) are accepted too: the salt length is read
 * from the encoded message and the signature is then checked in full by Bouncy Castle with that
 * length. Reading the length can only pick which full check runs, never make a signature pass.
 */
final class RsaPssVerifier implements Verifier {
  static final int SALT_LENGTH = 32;
  private static final int HASH_LENGTH = 32;

  private final String keyId;
  private final RSAKeyParameters publicKey;

  private RsaPssVerifier(String keyId, RSAKeyParameters publicKey) {
    this.keyId = keyId;
    this.publicKey = publicKey;
  }

  /**
   * @throws KeyException {@link Reason#MALFORMED} for a bad PEM, {@link Reason#UNSUPPORTED} for a
   *     non-RSA key, {@link Reason#KEY_SIZE} for a modulus outside 2048..8192 bits
   */
  static RsaPssVerifier fromPublicValue(String keyId, String pem) throws KeyException {
    SubjectPublicKeyInfo info = PublicKeyPem.decode(pem);
    if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getAlgorithm().getAlgorithm())) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "RSA public key "
              + keyId
              + " is a "
              + info.getAlgorithm().getAlgorithm()
              + " key, not an rsaEncryption key");
    }
    RSAPublicKey rsa;
    try {
      rsa = RSAPublicKey.getInstance(info.parsePublicKey());
    } catch (IOException | RuntimeException e) {
      throw new KeyException(Reason.MALFORMED, "RSA public key " + keyId + " does not decode", e);
    }
    RsaKeys.checkPublic("RSA public key " + keyId, rsa.getModulus(), rsa.getPublicExponent());
    try {
      return new RsaPssVerifier(
          keyId, new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent()));
    } catch (IllegalArgumentException e) {
      // Bouncy Castle rejects moduli that are even, prime or have small factors.
      throw new KeyException(
          Reason.MALFORMED, "RSA public key " + keyId + " has an invalid modulus", e);
    }
  }

  @Override
  public void verify(byte[] data, byte[] signature) throws SignatureInvalidException {
    int modulusBytes = (publicKey.getModulus().bitLength() + 7) / 8;
    if (signature.length != modulusBytes) {
      throw new SignatureInvalidException(
          keyId, "RSA signature must be " + modulusBytes + " bytes, got " + signature.length);
    }
    byte[] hash = HashAlgorithm.SHA256.digest(data);
    try {
      if (verifies(hash, signature, SALT_LENGTH)) {
        return;
      }
      OptionalInt saltLength = saltLength(signature);
      if (saltLength.isPresent()
          && saltLength.getAsInt() != SALT_LENGTH
          && verifies(hash, signature, saltLength.getAsInt())) {
        return;
      }
    } catch (RuntimeException e) {
      throw new SignatureInvalidException(keyId, "RSA-PSS verification failed", e);
    }
    throw new SignatureInvalidException(keyId, "RSA-PSS signature does not match the data");
  }

  /** Full RSASSA-PSS-VERIFY of a precomputed message hash (the bulk hash is done by the JDK). */
  private boolean verifies(byte[] hash, byte[] signature, int saltLength) {
    // The BC digests here only hash M' (72 bytes) and drive MGF1, never the message itself.
    PSSSigner signer =
        PSSSigner.createRawSigner(
            new RSAEngine(),
            new SHA256Digest(),
            new SHA256Digest(),
            saltLength,
            PSSSigner.TRAILER_IMPLICIT);
    signer.init(false, publicKey);
    signer.update(hash, 0, hash.length);
    return signer.verifySignature(signature);
  }

  /** The salt length the signer used, read from the encoded message (RFC 8017 9.1.2 steps 4-10). */
  private OptionalInt saltLength(byte[] signature) {
    int emBits = publicKey.getModulus().bitLength() - 1;
    int emLength = (emBits + 7) / 8;
    RSAEngine engine = new RSAEngine();
    engine.init(false, publicKey);
    byte[] m = engine.processBlock(signature, 0, signature.length);
    if (m.length > emLength) {
      return OptionalInt.empty();
    }
    byte[] em = new byte[emLength];
    System.arraycopy(m, 0, em, emLength - m.length, m.length);
    if (em[emLength - 1] != (byte) 0xbc) {
      return OptionalInt.empty();
    }
    int dbLength = emLength - HASH_LENGTH - 1;
    byte[] h = new byte[HASH_LENGTH];
    System.arraycopy(em, dbLength, h, 0, HASH_LENGTH);
    byte[] db = new byte[dbLength];
    MGF1BytesGenerator mgf = new MGF1BytesGenerator(new SHA256Digest());
    mgf.init(new MGFParameters(h));
    mgf.generateBytes(db, 0, dbLength);
    for (int i = 0; i < dbLength; i++) {
      db[i] ^= em[i];
    }
    db[0] &= (byte) (0xff >>> (8 * emLength - emBits));
    int i = 0;
    while (i < dbLength && db[i] == 0) {
      i++;
    }
    if (i == dbLength || db[i] != 1) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(dbLength - i - 1);
  }

  @Override
  public Optional<Bytes> subjectPublicKeyInfo() {
    return Optional.of(
        Bytes.wrap(
            PublicKeyPem.der(
                RsaKeys.subjectPublicKeyInfo(publicKey.getModulus(), publicKey.getExponent()))));
  }
}
