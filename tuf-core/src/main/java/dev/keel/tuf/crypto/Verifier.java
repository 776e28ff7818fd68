package dev.keel.tuf.crypto;

import dev.keel.tuf.error.SignatureInvalidException;
import dev.keel.tuf.model.Bytes;
import java.util.Optional;

/**
 * Checks signatures made by one public key. Fails closed: there is no boolean to forget to check.
 */
public interface Verifier {
  /**
   * @throws SignatureInvalidException if {@code signature} is not a valid signature of {@code data}
   *     (including a malformed signature encoding)
   */
  void verify(byte[] data, byte[] signature) throws SignatureInvalidException;

  /**
   * The DER SubjectPublicKeyInfo of the key, in one canonical encoding per key, so that one key
   * listed under several key ids can be recognised and counted once. Empty if unknown.
   */
  default Optional<Bytes> subjectPublicKeyInfo() {
    return Optional.empty();
  }
}
