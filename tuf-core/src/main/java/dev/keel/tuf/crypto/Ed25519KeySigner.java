package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import dev.keel.tuf.model.Key;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Signs with an Ed25519 private key (deterministic, RFC 8032). */
final class Ed25519KeySigner extends SigningKey {
  private final Ed25519PrivateKeyParameters privateKey;

  Ed25519KeySigner(Ed25519PrivateKeyParameters privateKey) {
    super(
        new Key(
            KeyScheme.ED25519.keyType(),
            KeyScheme.ED25519.scheme(),
            HexFormat.of().formatHex(privateKey.generatePublicKey().getEncoded())));
    this.privateKey = privateKey;
  }

  @Override
  public KeyScheme scheme() {
    return KeyScheme.ED25519;
  }

  @Override
  AsymmetricKeyParameter privateKeyParameters() {
    return privateKey;
  }

  @Override
  public byte[] sign(byte[] data) throws KeyException {
    try {
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, privateKey);
      signer.update(data, 0, data.length);
      return signer.generateSignature();
    } catch (RuntimeException e) {
      throw new KeyException(
          Reason.SIGNING_FAILED, "Ed25519 signing with key " + keyId() + " failed", e);
    }
  }
}
