package dev.keel.tuf.crypto;

import dev.keel.tuf.model.Key;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * A private key held in memory that signs with one {@link KeyScheme}. Made by {@link KeyPairs} or
 * read by {@link PrivateKeys}, written back with {@link PrivateKeys#toPem}. Immutable and
 * thread-safe; {@link #toString()} never shows secret material.
 */
public abstract sealed class SigningKey implements Signer
    permits Ed25519KeySigner, EcdsaP256KeySigner, RsaPssKeySigner {

  private final Key publicKey;
  private final String keyId;

  SigningKey(Key publicKey) {
    this.publicKey = publicKey;
    this.keyId = publicKey.keyId();
  }

  /** The scheme this key signs with. */
  public abstract KeyScheme scheme();

  /**
   * The private key for PKCS#8 encoding; package-private so secret material stays inside crypto.
   */
  abstract AsymmetricKeyParameter privateKeyParameters();

  @Override
  public final Key publicKey() {
    return publicKey;
  }

  /** The key id, computed once. */
  @Override
  public final String keyId() {
    return keyId;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + keyId() + "]";
  }
}
