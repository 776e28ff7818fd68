package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keel.tuf.model.Key;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RsaPssKeySignerTest {
  private static final byte[] DATA =
      "{\"_type\":\"root\",\"version\":2}".getBytes(StandardCharsets.UTF_8);

  @Test
  void publicKeyIsPemSubjectPublicKeyInfoAsOpenSslWritesIt() throws Exception {
    SigningKey key = KeyFixtures.rsa();
    assertEquals(
        new Key("rsa", "rsassa-pss-sha256", KeyFixtures.publicPem("rsa-2048-traditional.pem")),
        key.publicKey());
    assertFalse(key.publicKey().publicValue().endsWith("\n"));
    assertEquals(KeyScheme.RSA_PSS_SHA256, key.scheme());
  }

  @Test
  void signaturesAreSaltedAndVerify() throws Exception {
    SigningKey key = KeyFixtures.rsa();
    byte[] a = key.sign(DATA);
    byte[] b = key.sign(DATA);
    assertNotEquals(Arrays.toString(a), Arrays.toString(b));
    Verifier verifier = Verifiers.forKey(key.publicKey());
    verifier.verify(DATA, a);
    verifier.verify(DATA, b);
  }

  @Test
  void openSslVerifiesOurSignatureWithSaltLength32(@TempDir Path dir) throws Exception {
    assumeTrue(OpenSsl.available(), "openssl not installed");
    SigningKey key = KeyFixtures.rsa();
    Files.write(dir.resolve("data"), DATA);
    Files.write(dir.resolve("sig"), key.sign(DATA));
    Files.writeString(dir.resolve("pub.pem"), key.publicKey().publicValue() + "\n");
    // A strict salt length, as ring (and so tough) checks it.
    assertEquals(
        0,
        OpenSsl.exitCode(
            dir,
            "dgst",
            "-sha256",
            "-sigopt",
            "rsa_padding_mode:pss",
            "-sigopt",
            "rsa_pss_saltlen:32",
            "-verify",
            "pub.pem",
            "-signature",
            "sig",
            "data"));
  }
}
