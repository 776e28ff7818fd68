package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.Key;
import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * Signs with RSASSA-PSS, SHA-256, MGF1-SHA-256 and a 32-byte salt: what tough (ring) and
 * securesystemslib produce and what ring insists on when verifying. Uses blinded RSA.
 */
final class RsaPssKeySigner extends SigningKey {
  private final RSAPrivateCrtKeyParameters privateKey;
  private final SecureRandom random;

  private RsaPssKeySigner(RSAPrivateCrtKeyParameters privateKey, SecureRandom random) {
    super(
        new Key(
            KeyScheme.RSA_PSS_SHA256.keyType(),
            KeyScheme.RSA_PSS_SHA256.scheme(),
            PublicKeyPem.encode(
                RsaKeys.subjectPublicKeyInfo(
                    privateKey.getModulus(), privateKey.getPublicExponent()))));
    this.privateKey = privateKey;
    this.random = random;
  }

  /**
   * @throws KeyException ({@link Reason#KEY_SIZE}) for a modulus outside 2048..8192 bits
   */
  static RsaPssKeySigner of(RSAPrivateCrtKeyParameters key, String source) throws KeyException {
    RsaKeys.checkPublic(source, key.getModulus(), key.getPublicExponent());
    return new RsaPssKeySigner(key, new SecureRandom());
  }

  @Override
  public KeyScheme scheme() {
    return KeyScheme.RSA_PSS_SHA256;
  }

  @Override
  AsymmetricKeyParameter privateKeyParameters() {
    return privateKey;
  }

  @Override
  public byte[] sign(byte[] data) throws KeyException {
    try {
      // The BC digests only hash M' and drive MGF1; the message itself is hashed by the JDK.
      PSSSigner signer =
          PSSSigner.createRawSigner(
              new RSABlindedEngine(),
              new SHA256Digest(),
              new SHA256Digest(),
              RsaPssVerifier.SALT_LENGTH,
              PSSSigner.TRAILER_IMPLICIT);
      signer.init(true, new ParametersWithRandom(privateKey, random));
      byte[] hash = HashAlgorithm.SHA256.digest(data);
      signer.update(hash, 0, hash.length);
      return signer.generateSignature();
    } catch (CryptoException | RuntimeException e) {
      throw new KeyException(
          Reason.SIGNING_FAILED, "RSA-PSS signing with key " + keyId() + " failed", e);
    }
  }
}
