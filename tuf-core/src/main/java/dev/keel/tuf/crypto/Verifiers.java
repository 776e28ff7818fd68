package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import dev.keel.tuf.model.Key;

/**
 * Builds a {@link Verifier} from a TUF {@link Key}, dispatching on its {@code keytype} and {@code
 * scheme} (see {@link KeyScheme}). Uses Bouncy Castle's lightweight API directly, so no JCA
 * provider is looked up or registered.
 */
public final class Verifiers {
  private Verifiers() {}

  /**
   * A verifier for {@code key}. Thread-safe and immutable.
   *
   * @throws KeyException {@link Reason#UNSUPPORTED} for an unknown keytype/scheme pair or curve,
   *     {@link Reason#MALFORMED} for a public value that does not decode, {@link Reason#KEY_SIZE}
   *     for an RSA key outside 2048..8192 bits
   */
  public static Verifier forKey(Key key) throws KeyException {
    KeyScheme scheme =
        KeyScheme.of(key)
            .orElseThrow(
                () ->
                    new KeyException(
                        Reason.UNSUPPORTED,
                        "unsupported keytype/scheme '"
                            + key.keyType()
                            + "'/'"
                            + key.scheme()
                            + "'"));
    String keyId = key.keyId();
    return switch (scheme) {
      case ED25519 -> Ed25519Verifier.fromPublicValue(keyId, key.publicValue());
      case ECDSA_P256 -> EcdsaP256Verifier.fromPublicValue(keyId, key.publicValue());
      case RSA_PSS_SHA256 -> RsaPssVerifier.fromPublicValue(keyId, key.publicValue());
    };
  }
}
