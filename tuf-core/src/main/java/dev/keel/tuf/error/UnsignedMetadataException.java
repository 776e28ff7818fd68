package dev.keel.tuf.error;

/** Fewer distinct authorised keys signed a role than its threshold requires. */
public final class UnsignedMetadataException extends RepositoryException {
  private final String role;
  private final int threshold;
  private final int verified;

  public UnsignedMetadataException(String role, int threshold, int verified) {
    super(
        role
            + ": "
            + verified
            + " valid signature(s) from authorised keys, threshold is "
            + threshold);
    this.role = role;
    this.threshold = threshold;
    this.verified = verified;
  }

  public String role() {
    return role;
  }

  public int threshold() {
    return threshold;
  }

  public int verified() {
    return verified;
  }
}
