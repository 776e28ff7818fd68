package dev.keel.tuf.trust;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The outcome of a {@link ThresholdCheck}.
 *
 * @param signedKeyIds the role's authorised key ids whose valid signature counted, each once; a key
 *     listed under several ids appears under the first id that counted
 * @param unsignedKeyIds the role's other authorised key ids
 * @param threshold how many distinct keys the role needs
 */
public record VerificationResult(
    Set<String> signedKeyIds, Set<String> unsignedKeyIds, int threshold) {
  public VerificationResult {
    signedKeyIds = Collections.unmodifiableSet(new LinkedHashSet<>(signedKeyIds));
    unsignedKeyIds = Collections.unmodifiableSet(new LinkedHashSet<>(unsignedKeyIds));
  }

  /** How many distinct keys gave a valid signature. */
  public int verifiedCount() {
    return signedKeyIds.size();
  }

  /** Whether at least {@link #threshold()} distinct keys signed. */
  public boolean isVerified() {
    return signedKeyIds.size() >= threshold;
  }
}
