package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateKeysTest {
  private static final Optional<char[]> NONE = Optional.empty();

  private static Optional<char[]> pass(String s) {
    return Optional.of(s.toCharArray());
  }

  @Test
  void readsTraditionalRsaPrivateKey() throws Exception {
    String pem = KeyFixtures.text("rsa-2048-traditional.pem");
    assertTrue(pem.startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    SigningKey key = PrivateKeys.fromPem(pem, NONE, "rsa.pem");
    assertEquals(KeyScheme.RSA_PSS_SHA256, key.scheme());
    assertEquals(KeyFixtures.publicPem("rsa-2048-traditional.pem"), key.publicKey().publicValue());
  }

  @Test
  void readsTraditionalEcPrivateKeyAfterEcParametersBlock() throws Exception {
    String pem = KeyFixtures.text("ec-p256-traditional.pem");
    assertTrue(pem.startsWith("-----BEGIN EC PARAMETERS-----"));
    SigningKey key = PrivateKeys.fromPem(pem, NONE, "ec.pem");
    assertEquals(KeyScheme.ECDSA_P256, key.scheme());
    assertEquals(KeyFixtures.publicPem("ec-p256-traditional.pem"), key.publicKey().publicValue());
  }

  @Test
  void readsPkcs8Ed25519() throws Exception {
    SigningKey key = PrivateKeys.fromPem(KeyFixtures.text("ed25519-pkcs8.pem"), NONE, "ed.pem");
    assertEquals(KeyScheme.ED25519, key.scheme());
  }

  @Test
  void readsEncryptedPkcs8MadeByOpenSsl() throws Exception {
    String pem = KeyFixtures.text("rsa-2048-pkcs8-encrypted.pem");
    SigningKey key = PrivateKeys.fromPem(pem, pass(KeyFixtures.PASSPHRASE), "enc.pem");
    assertEquals(KeyFixtures.rsa().keyId(), key.keyId());
    assertEquals(Reason.WRONG_PASSPHRASE, reason(pem, pass("wrong")));
    assertEquals(Reason.PASSPHRASE_REQUIRED, reason(pem, NONE));
  }

  @Test
  void readsEncryptedTraditionalEcKey() throws Exception {
    String pem = KeyFixtures.text("ec-p256-traditional-encrypted.pem");
    assertEquals(
        KeyFixtures.ecdsa().keyId(),
        PrivateKeys.fromPem(pem, pass(KeyFixtures.PASSPHRASE), "e").keyId());
    assertEquals(Reason.WRONG_PASSPHRASE, reason(pem, pass("wrong")));
    assertEquals(Reason.PASSPHRASE_REQUIRED, reason(pem, NONE));
  }

  @Test
  void passphraseForAnUnencryptedKeyIsIgnored() throws Exception {
    assertEquals(
        KeyFixtures.rsa().keyId(),
        PrivateKeys.fromPem(KeyFixtures.text("rsa-2048-traditional.pem"), pass("unused"), "k")
            .keyId());
  }

  @Test
  void pkcs8RoundTripForEveryScheme() throws Exception {
    for (SigningKey key :
        new SigningKey[] {KeyFixtures.ed25519(), KeyFixtures.ecdsa(), KeyFixtures.rsa()}) {
      String pem = PrivateKeys.toPem(key);
      assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
      SigningKey back = PrivateKeys.fromPem(pem, NONE, "PEM");
      assertEquals(key.publicKey(), back.publicKey());
      Verifiers.forKey(key.publicKey())
          .verify(new byte[] {1, 2, 3}, back.sign(new byte[] {1, 2, 3}));
    }
  }

  @Test
  void encryptedPkcs8RoundTrip() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.ECDSA_P256);
    String pem = PrivateKeys.toEncryptedPem(key, "s3cret".toCharArray());
    assertTrue(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), pem);
    assertEquals(key.publicKey(), PrivateKeys.fromPem(pem, pass("s3cret"), "PEM").publicKey());
    assertEquals(Reason.WRONG_PASSPHRASE, reason(pem, pass("s3cret!")));
    assertEquals(Reason.PASSPHRASE_REQUIRED, reason(pem, NONE));
  }

  @Test
  void readsTraditionalRsaKeyFromOpenSslGenrsa(@TempDir Path dir) throws Exception {
    assumeTrue(OpenSsl.available(), "openssl not installed");
    OpenSsl.run(dir, "genrsa", "-traditional", "-out", "key.pem", "2048");
    OpenSsl.run(dir, "pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");
    SigningKey key = PrivateKeys.read(dir.resolve("key.pem"), NONE);
    assertEquals(Files.readString(dir.resolve("pub.pem")).strip(), key.publicKey().publicValue());
  }

  @Test
  void openSslReadsWhatWeWrite(@TempDir Path dir) throws Exception {
    assumeTrue(OpenSsl.available(), "openssl not installed");
    for (SigningKey key :
        new SigningKey[] {KeyFixtures.ed25519(), KeyFixtures.ecdsa(), KeyFixtures.rsa()}) {
      Path plain = dir.resolve(key.scheme() + ".pem");
      PrivateKeys.write(plain, key, NONE);
      String pub =
          new String(
                  OpenSsl.run(dir, "pkey", "-in", plain.getFileName().toString(), "-pubout"),
                  StandardCharsets.US_ASCII)
              .strip();
      if (key.scheme() == KeyScheme.ED25519) {
        assertEquals(KeyFixtures.publicPem("ed25519-pkcs8.pem"), pub);
      } else {
        assertEquals(key.publicKey().publicValue(), pub);
      }
    }
    Path encrypted = dir.resolve("encrypted.pem");
    PrivateKeys.write(encrypted, KeyFixtures.ecdsa(), pass("pw"));
    String pub =
        new String(
                OpenSsl.run(dir, "pkey", "-in", "encrypted.pem", "-passin", "pass:pw", "-pubout"),
                StandardCharsets.US_ASCII)
            .strip();
    assertEquals(KeyFixtures.ecdsa().publicKey().publicValue(), pub);
  }

  @Test
  void readsEveryPbes2CipherAndPrfOpenSslWrites(@TempDir Path dir) throws Exception {
    assumeTrue(OpenSsl.available(), "openssl not installed");
    Path plain = dir.resolve("plain.pem");
    PrivateKeys.write(plain, KeyFixtures.ecdsa(), NONE);
    String[][] forms = {
      {"aes-128-cbc", "hmacWithSHA1"},
      {"aes-192-cbc", "hmacWithSHA512"},
      {"aes-256-cbc", "hmacWithSHA384"},
      {"des-ede3-cbc", "hmacWithSHA224"}
    };
    for (String[] form : forms) {
      String out = form[0] + ".pem";
      OpenSsl.run(
          dir,
          "pkcs8",
          "-topk8",
          "-in",
          "plain.pem",
          "-out",
          out,
          "-v2",
          form[0],
          "-v2prf",
          form[1],
          "-passout",
          "pass:pw");
      String pem = Files.readString(dir.resolve(out));
      assertEquals(
          KeyFixtures.ecdsa().keyId(), PrivateKeys.fromPem(pem, pass("pw"), out).keyId(), out);
      assertEquals(Reason.WRONG_PASSPHRASE, reason(pem, pass("pW")), out);
    }
    // PBES1 (PKCS#12 PBE with 3DES), which we do not read: a clear refusal, not a passphrase error.
    OpenSsl.run(
        dir,
        "pkcs8",
        "-topk8",
        "-in",
        "plain.pem",
        "-out",
        "pbes1.pem",
        "-v1",
        "PBE-SHA1-3DES",
        "-passout",
        "pass:pw");
    assertEquals(
        Reason.UNSUPPORTED, reason(Files.readString(dir.resolve("pbes1.pem")), pass("pw")));
  }

  @Test
  void readsTraditionalKeysOpenSslEncryptsWithEachCipher(@TempDir Path dir) throws Exception {
    assumeTrue(OpenSsl.available(), "openssl not installed");
    Files.writeString(dir.resolve("rsa.pem"), KeyFixtures.text("rsa-2048-traditional.pem"));
    for (String cipher : new String[] {"-aes128", "-aes192", "-des3"}) {
      String out = "rsa" + cipher + ".pem";
      OpenSsl.run(
          dir, "rsa", "-traditional", "-in", "rsa.pem", "-out", out, cipher, "-passout", "pass:pw");
      String pem = Files.readString(dir.resolve(out));
      assertTrue(pem.contains("Proc-Type: 4,ENCRYPTED"), pem);
      assertEquals(
          KeyFixtures.rsa().keyId(), PrivateKeys.fromPem(pem, pass("pw"), out).keyId(), out);
      assertEquals(Reason.WRONG_PASSPHRASE, reason(pem, pass("wrong")), out);
    }
  }

  @Test
  void unknownPemCipherIsUnsupported() {
    String pem =
        KeyFixtures.text("ec-p256-traditional-encrypted.pem")
            .replace("AES-256-CBC", "CAMELLIA-256-CBC");
    assertEquals(Reason.UNSUPPORTED, reason(pem, pass(KeyFixtures.PASSPHRASE)));
  }

  @Test
  void writeCreatesAnOwnerOnlyFileAndNeverOverwrites(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("root.pem");
    SigningKey key = KeyFixtures.ed25519();
    PrivateKeys.write(file, key, NONE);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    assertEquals(key.publicKey(), PrivateKeys.read(file, NONE).publicKey());
    KeyException e =
        assertThrows(KeyException.class, () -> PrivateKeys.write(file, KeyFixtures.ecdsa(), NONE));
    assertEquals(Reason.IO, e.reason());
    assertEquals(key.publicKey(), PrivateKeys.read(file, NONE).publicKey());
  }

  @Test
  void readsBinaryPkcs8AsToughStoresEd25519AndEcdsaKeys(@TempDir Path dir) throws Exception {
    for (SigningKey key :
        new SigningKey[] {KeyFixtures.ed25519(), KeyFixtures.ecdsa(), KeyFixtures.rsa()}) {
      String pem = PrivateKeys.toPem(key);
      String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      Path file = dir.resolve(key.scheme() + ".pk8");
      Files.write(file, java.util.Base64.getDecoder().decode(base64));
      assertEquals(key.publicKey(), PrivateKeys.read(file, NONE).publicKey());
    }
    assertEquals(
        Reason.MALFORMED,
        assertThrows(KeyException.class, () -> PrivateKeys.fromDer(new byte[] {0x30, 0x03, 1}, "x"))
            .reason());
  }

  @Test
  void missingFileIsIoError(@TempDir Path dir) {
    KeyException e =
        assertThrows(KeyException.class, () -> PrivateKeys.read(dir.resolve("absent.pem"), NONE));
    assertEquals(Reason.IO, e.reason());
  }

  @Test
  void unsupportedKeys() {
    assertEquals(Reason.UNSUPPORTED, reason(KeyFixtures.text("ec-p384-traditional.pem"), NONE));
    assertEquals(Reason.KEY_SIZE, reason(KeyFixtures.text("rsa-1024-traditional.pem"), NONE));
  }

  @Test
  void malformedInput() {
    assertEquals(Reason.MALFORMED, reason("", NONE));
    assertEquals(Reason.MALFORMED, reason("not a pem at all", NONE));
    assertEquals(Reason.MALFORMED, reason(KeyFixtures.text("rsa-2048-traditional.pub.pem"), NONE));
    assertEquals(
        Reason.MALFORMED,
        reason("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", NONE));
    String pem = KeyFixtures.text("rsa-2048-traditional.pem");
    String truncated = pem.substring(0, pem.length() / 2) + "\n-----END RSA PRIVATE KEY-----\n";
    assertEquals(Reason.MALFORMED, reason(truncated, NONE));
  }

  private static Reason reason(String pem, Optional<char[]> passphrase) {
    return assertThrows(KeyException.class, () -> PrivateKeys.fromPem(pem, passphrase, "test.pem"))
        .reason();
  }
}
