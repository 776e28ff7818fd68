package dev.keel.tuf.error;

/** More root versions were offered in one refresh than {@code Limits.maxRootRotations} allows. */
public final class RootRotationLimitException extends RepositoryException {
  private final int limit;

  public RootRotationLimitException(int limit) {
    super("root: more than " + limit + " root rotations in one refresh");
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }
}
