package dev.keel.tuf.crypto;

import dev.keel.tuf.error.SignatureInvalidException;

/**
 * Checks signatures made by one public key. Fails closed: there is no boolean to forget to check.
 */
public interface Verifier {
  /**
   * @throws SignatureInvalidException if {@code signature} is not a valid signature of {@code data}
   *     (including a malformed signature encoding)
   */
  void verify(byte[] data, byte[] signature) throws SignatureInvalidException;
}
