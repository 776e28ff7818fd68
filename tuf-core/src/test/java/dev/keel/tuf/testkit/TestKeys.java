package dev.keel.tuf.testkit;

import dev.keel.tuf.crypto.KeyPairs;
import dev.keel.tuf.crypto.KeyScheme;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.model.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Deterministic test keys: the same name always gives the same key, so failures reproduce. */
public final class TestKeys {
  private TestKeys() {}

  public static SigningKey ed25519(String name) {
    return KeyPairs.generate(KeyScheme.ED25519, seeded(name));
  }

  public static SigningKey ecdsa(String name) {
    return KeyPairs.generate(KeyScheme.ECDSA_P256, seeded(name));
  }

  /** A 2048-bit RSA-PSS key; generating one takes a noticeable fraction of a second. */
  public static SigningKey rsa(String name) {
    try {
      return KeyPairs.generateRsa(2048, seeded(name));
    } catch (KeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A deterministic random source for {@code name}: the same name gives the same bytes. */
  public static SecureRandom seeded(String name) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(HashAlgorithm.SHA256.digest(name.getBytes(StandardCharsets.UTF_8)));
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
