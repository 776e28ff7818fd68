package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * Key files and OpenSSL-made signatures under {@code src/test/resources/fixtures/keys}, made once
 * with the OpenSSL 3.0 CLI (see {@code openssl-signatures.properties} for the commands).
 */
final class KeyFixtures {
  static final String PASSPHRASE = "correct-horse";

  private KeyFixtures() {}

  static String text(String name) {
    try (InputStream in = KeyFixtures.class.getResourceAsStream("/fixtures/keys/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SigningKey key(String name) throws KeyException {
    return PrivateKeys.fromPem(text(name), Optional.empty(), name);
  }

  static SigningKey rsa() throws KeyException {
    return key("rsa-2048-traditional.pem");
  }

  static SigningKey ecdsa() throws KeyException {
    return key("ec-p256-traditional.pem");
  }

  static SigningKey ed25519() throws KeyException {
    return key("ed25519-pkcs8.pem");
  }

  /** The public key PEM as {@code openssl pkey -pubout} wrote it, without the trailing newline. */
  static String publicPem(String privateKeyName) {
    return text(privateKeyName.replace(".pem", ".pub.pem")).strip();
  }

  static byte[] opensslMessage() {
    return signatures().getProperty("message").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] opensslSignature(String name) {
    return HexFormat.of().parseHex(signatures().getProperty(name));
  }

  private static Properties signatures() {
    Properties p = new Properties();
    try (InputStream in =
        KeyFixtures.class.getResourceAsStream("/fixtures/keys/openssl-signatures.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
