package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.SignatureInvalidException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ed25519VerifierTest {
  private static final byte[] DATA = "{\"_type\":\"timestamp\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void roundTrip() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.ED25519);
    Verifiers.forKey(key.publicKey()).verify(DATA, key.sign(DATA));
  }

  @Test
  void tamperedDataFails() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.ED25519);
    byte[] sig = key.sign(DATA);
    byte[] tampered = DATA.clone();
    tampered[3] ^= 1;
    SignatureInvalidException e =
        assertThrows(
            SignatureInvalidException.class,
            () -> Verifiers.forKey(key.publicKey()).verify(tampered, sig));
    assertEquals(key.keyId(), e.keyId());
  }

  @Test
  void tamperedSignatureFails() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.ED25519);
    Verifier verifier = Verifiers.forKey(key.publicKey());
    byte[] sig = key.sign(DATA);
    for (int i : new int[] {0, 31, 32, 63}) {
      byte[] tampered = sig.clone();
      tampered[i] ^= 0x40;
      assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, tampered));
    }
  }

  @Test
  void wrongKeyFails() throws Exception {
    SigningKey signer = KeyPairs.generate(KeyScheme.ED25519);
    SigningKey other = KeyPairs.generate(KeyScheme.ED25519);
    assertThrows(
        SignatureInvalidException.class,
        () -> Verifiers.forKey(other.publicKey()).verify(DATA, signer.sign(DATA)));
  }

  @Test
  void wrongLengthOrEmptySignatureFails() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.ED25519);
    Verifier verifier = Verifiers.forKey(key.publicKey());
    byte[] sig = key.sign(DATA);
    assertThrows(
        SignatureInvalidException.class, () -> verifier.verify(DATA, Arrays.copyOf(sig, 63)));
    assertThrows(
        SignatureInvalidException.class, () -> verifier.verify(DATA, Arrays.copyOf(sig, 65)));
    assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, new byte[0]));
    assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, new byte[64]));
  }
}
