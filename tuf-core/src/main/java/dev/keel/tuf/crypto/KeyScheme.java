package dev.keel.tuf.crypto;

import dev.keel.tuf.model.Key;
import java.util.Optional;

/**
 * The TUF signature schemes tuf-core supports, with the {@code keytype} and {@code scheme} strings
 * that name them in metadata (the same set as tough and securesystemslib's defaults).
 */
public enum KeyScheme {
  /** Ed25519; {@code keyval.public} is the 32-byte key as 64 hex characters. */
  ED25519("ed25519", "ed25519"),
  /**
   * ECDSA over NIST P-256 with SHA-256 and ASN.1 DER signatures; {@code keyval.public} is a PEM
   * SubjectPublicKeyInfo (a hex-encoded point is accepted when verifying, as legacy
   * securesystemslib wrote). The legacy keytype {@code ecdsa-sha2-nistp256} is accepted when
   * verifying.
   */
  ECDSA_P256("ecdsa", "ecdsa-sha2-nistp256"),
  /**
   * RSASSA-PSS with SHA-256, MGF1-SHA-256, salt length 32 when signing; 2048 to 8192-bit keys;
   * {@code keyval.public} is a PEM SubjectPublicKeyInfo.
   */
  RSA_PSS_SHA256("rsa", "rsassa-pss-sha256");

  /** The keytype securesystemslib used for ECDSA keys before it switched to {@code ecdsa}. */
  static final String LEGACY_ECDSA_KEY_TYPE = "ecdsa-sha2-nistp256";

  private final String keyType;
  private final String scheme;

  KeyScheme(String keyType, String scheme) {
    this.keyType = keyType;
    this.scheme = scheme;
  }

  /** The {@code keytype} written for new keys. */
  public String keyType() {
    return keyType;
  }

  /** The {@code scheme} string. */
  public String scheme() {
    return scheme;
  }

  /** The scheme named by a keytype/scheme pair, accepting the legacy ECDSA keytype. */
  public static Optional<KeyScheme> find(String keyType, String scheme) {
    for (KeyScheme s : values()) {
      boolean typeMatches =
          s.keyType.equals(keyType) || (s == ECDSA_P256 && LEGACY_ECDSA_KEY_TYPE.equals(keyType));
      if (typeMatches && s.scheme.equals(scheme)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The scheme of a TUF key, if supported. */
  public static Optional<KeyScheme> of(Key key) {
    return find(key.keyType(), key.scheme());
  }
}
