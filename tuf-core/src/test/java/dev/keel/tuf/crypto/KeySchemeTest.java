package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.model.Key;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeySchemeTest {
  @Test
  void findsEachSchemeByItsMetadataNames() {
    for (KeyScheme s : KeyScheme.values()) {
      assertEquals(Optional.of(s), KeyScheme.find(s.keyType(), s.scheme()));
    }
    assertEquals("rsassa-pss-sha256", KeyScheme.RSA_PSS_SHA256.scheme());
    assertEquals("ecdsa", KeyScheme.ECDSA_P256.keyType());
  }

  @Test
  void acceptsLegacyEcdsaKeyType() {
    assertEquals(
        Optional.of(KeyScheme.ECDSA_P256),
        KeyScheme.find("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256"));
  }

  @Test
  void rejectsMismatchedOrUnknownPairs() {
    assertTrue(KeyScheme.find("ed25519", "foo").isEmpty());
    assertTrue(KeyScheme.find("rsa", "ed25519").isEmpty());
    assertTrue(KeyScheme.find("rsa", "rsassa-pss-sha512").isEmpty());
    assertTrue(KeyScheme.find("ecdsa-sha2-nistp256", "ed25519").isEmpty());
    assertTrue(KeyScheme.find("ED25519", "ed25519").isEmpty());
  }

  @Test
  void schemeOfKey() {
    assertEquals(Optional.of(KeyScheme.ED25519), KeyScheme.of(new Key("ed25519", "ed25519", "00")));
    assertTrue(KeyScheme.of(new Key("ed25519", "foo", "00")).isEmpty());
  }
}
