package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.model.Key;

/** Signs with one private key whose public half is {@link #publicKey()}. */
public interface Signer {
  /** The public key as TUF metadata lists it. */
  Key publicKey();

  /** The TUF key id of {@link #publicKey()}. */
  default String keyId() {
    return publicKey().keyId();
  }

  /** Signs {@code data} with the key's TUF scheme. */
  byte[] sign(byte[] data) throws KeyException;
}
