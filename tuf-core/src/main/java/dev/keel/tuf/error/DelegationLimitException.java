package dev.keel.tuf.error;

/** The delegation walk visited more roles than {@code Limits.maxDelegations} allows. */
public final class DelegationLimitException extends RepositoryException {
  private final int limit;

  public DelegationLimitException(String target, int limit) {
    super("looking up '" + target + "': visited more than " + limit + " delegated roles");
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }
}
