package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import dev.keel.tuf.testkit.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.junit.jupiter.api.Test;

class KeyPairsTest {
  private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);

  @Test
  void generatesUsableKeysForEveryScheme() throws Exception {
    for (KeyScheme scheme : new KeyScheme[] {KeyScheme.ED25519, KeyScheme.ECDSA_P256}) {
      SigningKey key = KeyPairs.generate(scheme);
      assertEquals(scheme, key.scheme());
      Verifiers.forKey(key.publicKey()).verify(DATA, key.sign(DATA));
      assertNotEquals(key.keyId(), KeyPairs.generate(scheme).keyId());
    }
  }

  @Test
  void rsaDefaultsTo3072BitsAndExponent65537() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.RSA_PSS_SHA256);
    RSAPublicKey rsa =
        RSAPublicKey.getInstance(
            PublicKeyPem.decode(key.publicKey().publicValue()).parsePublicKey());
    assertEquals(3072, rsa.getModulus().bitLength());
    assertEquals(65537, rsa.getPublicExponent().intValueExact());
    Verifiers.forKey(key.publicKey()).verify(DATA, key.sign(DATA));
  }

  @Test
  void rsaSizeOutsideLimitsIsRejected() {
    for (int bits : new int[] {1024, 2047, 8193}) {
      KeyException e =
          assertThrows(KeyException.class, () -> KeyPairs.generateRsa(bits, new SecureRandom()));
      assertEquals(Reason.KEY_SIZE, e.reason());
    }
  }

  @Test
  void seededRandomGivesTheSameKey() throws Exception {
    for (KeyScheme scheme : new KeyScheme[] {KeyScheme.ED25519, KeyScheme.ECDSA_P256}) {
      assertEquals(
          KeyPairs.generate(scheme, TestKeys.seeded("k")).publicKey(),
          KeyPairs.generate(scheme, TestKeys.seeded("k")).publicKey());
    }
  }
}
