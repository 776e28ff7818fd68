package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keel.tuf.model.Key;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcdsaP256KeySignerTest {
  private static final byte[] DATA = "{\"_type\":\"targets\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void publicKeyIsPemSubjectPublicKeyInfoAsOpenSslWritesIt() throws Exception {
    SigningKey key = KeyFixtures.ecdsa();
    assertEquals(
        new Key("ecdsa", "ecdsa-sha2-nistp256", KeyFixtures.publicPem("ec-p256-traditional.pem")),
        key.publicKey());
    assertEquals(KeyScheme.ECDSA_P256, key.scheme());
  }

  @Test
  void signaturesAreDeterministicRfc6979() throws Exception {
    SigningKey key = KeyFixtures.ecdsa();
    assertArrayEquals(key.sign(DATA), key.sign(DATA));
    Verifiers.forKey(key.publicKey()).verify(DATA, key.sign(DATA));
  }

  @Test
  void openSslVerifiesOurSignature(@TempDir Path dir) throws Exception {
    assumeTrue(OpenSsl.available(), "openssl not installed");
    SigningKey key = KeyFixtures.ecdsa();
    Files.write(dir.resolve("data"), DATA);
    Files.write(dir.resolve("sig"), key.sign(DATA));
    Files.writeString(dir.resolve("pub.pem"), key.publicKey().publicValue() + "\n");
    assertEquals(
        0,
        OpenSsl.exitCode(
            dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "data"));
  }
}
