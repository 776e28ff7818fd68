package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.Signature;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SignaturesTest {
  @Test
  void producesKeyIdAndLowercaseHexSignature() throws Exception {
    SigningKey key = KeyFixtures.ecdsa();
    Bytes signed = Bytes.wrap("{\"_type\":\"timestamp\"}".getBytes(StandardCharsets.UTF_8));
    Signature signature = Signatures.sign(key, signed);
    assertEquals(key.keyId(), signature.keyId());
    assertEquals(signature.sig().toLowerCase(java.util.Locale.ROOT), signature.sig());
    Verifiers.forKey(key.publicKey())
        .verify(signed.toByteArray(), HexFormat.of().parseHex(signature.sig()));
  }
}
