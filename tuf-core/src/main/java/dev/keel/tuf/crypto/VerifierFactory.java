package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.model.Key;

/** Builds a {@link Verifier} for a TUF key; {@link Verifiers#forKey} is the standard one. */
@FunctionalInterface
public interface VerifierFactory {
  /**
   * @throws KeyException if the key's type or scheme is unsupported or its public value is unusable
   */
  Verifier forKey(Key key) throws KeyException;
}
