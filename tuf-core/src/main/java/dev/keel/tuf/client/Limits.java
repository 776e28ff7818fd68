package dev.keel.tuf.client;

/**
 * Caps that protect the client from endless-data and endless-delegation attacks. Defaults are the
 * original's (tough) where it sets one: 1 MiB for root and timestamp, 10 MiB for snapshot and
 * targets when snapshot or timestamp does not sign their length, 1024 root rotations; and
 * python-tuf's 32 for delegated roles visited in one lookup, which the original does not cap.
 *
 * @param maxRootRotations new root versions accepted in one refresh (the loop stops there)
 * @param maxDelegations delegated roles visited looking up one target
 */
public record Limits(
    int maxRootRotations,
    int maxDelegations,
    long maxRootBytes,
    long maxTimestampBytes,
    long maxSnapshotBytes,
    long maxTargetsBytes) {

  public Limits {
    if (maxRootRotations < 1
        || maxDelegations < 1
        || maxRootBytes < 1
        || maxTimestampBytes < 1
        || maxSnapshotBytes < 1
        || maxTargetsBytes < 1) {
      throw new IllegalArgumentException("every limit must be positive");
    }
  }

  public static Limits defaults() {
    return new Limits(1024, 32, 1 << 20, 1 << 20, 10L << 20, 10L << 20);
  }
}
