package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A private key in a local PEM file (see {@link PrivateKeys} for the formats), optionally
 * encrypted. The key is read on each {@link #signer()} call. Holds a copy of the passphrase; not a
 * record so that the passphrase never appears in {@code equals}, {@code hashCode} or {@code
 * toString}.
 */
public final class FileKeySource implements KeySource {
  private final Path pem;
  private final Optional<char[]> passphrase;

  public FileKeySource(Path pem, Optional<char[]> passphrase) {
    this.pem = Objects.requireNonNull(pem, "pem");
    this.passphrase = passphrase.map(char[]::clone);
  }

  public FileKeySource(Path pem) {
    this(pem, Optional.empty());
  }

  public Path path() {
    return pem;
  }

  /**
   * @throws KeyException as {@link PrivateKeys#read}
   */
  @Override
  public SigningKey signer() throws KeyException {
    return PrivateKeys.read(pem, passphrase.map(char[]::clone));
  }

  @Override
  public String describe() {
    return pem.toString();
  }

  @Override
  public String toString() {
    return "FileKeySource[" + pem + "]";
  }
}
