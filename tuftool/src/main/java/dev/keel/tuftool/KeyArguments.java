package dev.keel.tuftool;

import dev.keel.cli.UsageException;
import dev.keel.tuf.crypto.KeyPairs;
import dev.keel.tuf.crypto.KeyScheme;
import dev.keel.tuf.crypto.KeySource;
import dev.keel.tuf.crypto.KeySources;
import dev.keel.tuf.crypto.PrivateKeys;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.error.KeyException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Key arguments of the CLI: {@code -k} key sources, and generating new key files. */
final class KeyArguments {
  /** Set to read encrypted PEM keys without a prompt. */
  static final String PASSPHRASE_ENV = "TUFTOOL_KEY_PASSPHRASE";

  private KeyArguments() {}

  /** The key types {@code gen-key --type} takes, for completion and help. */
  static final class Types implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("ed25519", "ecdsa", "rsa").iterator();
    }
  }

  static KeySource source(String spec) throws KeyException {
    return KeySources.parse(spec, passphrase());
  }

  static SigningKey generate(String type, int rsaBits) throws UsageException, KeyException {
    return switch (type) {
      case "rsa" -> KeyPairs.generateRsa(rsaBits);
      case "ed25519" -> KeyPairs.generate(KeyScheme.ED25519);
      case "ecdsa" -> KeyPairs.generate(KeyScheme.ECDSA_P256);
      default ->
          throw new UsageException("--type must be ed25519, ecdsa or rsa, got '" + type + "'");
    };
  }

  /**
   * Writes a new private key as PKCS#8 PEM, encrypted when a passphrase is set in the environment.
   */
  static void writePrivateKey(Path file, SigningKey key) throws KeyException {
    PrivateKeys.write(file, key, passphrase());
  }

  private static Optional<char[]> passphrase() {
    return Optional.ofNullable(System.getenv(PASSPHRASE_ENV)).map(String::toCharArray);
  }
}
