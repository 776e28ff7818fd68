package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

class SigningKeyTest {
  @Test
  void toStringNamesTheKeyIdButNoSecret() throws Exception {
    SigningKey key = KeyFixtures.ed25519();
    String seed =
        HexFormat.of()
            .formatHex(((Ed25519PrivateKeyParameters) key.privateKeyParameters()).getEncoded());
    assertTrue(key.toString().contains(key.keyId()));
    assertFalse(key.toString().contains(seed));
    assertFalse(key.toString().contains(key.publicKey().publicValue()));
  }

  @Test
  void keyIdIsThatOfThePublicKey() throws Exception {
    for (SigningKey key :
        new SigningKey[] {KeyFixtures.ed25519(), KeyFixtures.ecdsa(), KeyFixtures.rsa()}) {
      assertEquals(key.publicKey().keyId(), key.keyId());
      assertEquals(key.scheme().keyType(), key.publicKey().keyType());
      assertEquals(key.scheme().scheme(), key.publicKey().scheme());
    }
  }
}
