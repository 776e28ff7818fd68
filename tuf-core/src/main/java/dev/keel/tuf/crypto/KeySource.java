package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;

/**
 * Where a signing key comes from: a PEM file today, a hardware token or a cloud KMS later. Code
 * that signs takes a {@code KeySource}, never a file path.
 */
public interface KeySource {
  /** Loads (or connects to) the key. */
  Signer signer() throws KeyException;

  /** A human-readable name for messages, e.g. the file path; never secret material. */
  String describe();
}
