package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.tuf.model.Key;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

class Ed25519KeySignerTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void signsRfc8032TestVector2() throws Exception {
    Ed25519KeySigner signer =
        new Ed25519KeySigner(
            new Ed25519PrivateKeyParameters(
                HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")));
    assertEquals(
        new Key(
            "ed25519",
            "ed25519",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"),
        signer.publicKey());
    assertEquals(
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        HEX.formatHex(signer.sign(new byte[] {0x72})));
    assertEquals(KeyScheme.ED25519, signer.scheme());
  }

  @Test
  void matchesOpenSslSignature() throws Exception {
    // Ed25519 is deterministic, so our signature equals the one OpenSSL made with the same key.
    SigningKey key = KeyFixtures.ed25519();
    assertEquals(
        HEX.formatHex(KeyFixtures.opensslSignature("ed25519")),
        HEX.formatHex(key.sign(KeyFixtures.opensslMessage())));
  }
}
