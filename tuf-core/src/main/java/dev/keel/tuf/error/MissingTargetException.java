package dev.keel.tuf.error;

/**
 * A target asked for is not there: its URL answered not-found although trusted metadata lists it,
 * or no trusted targets role lists it. (A missing metadata file is {@link
 * MissingMetadataException}.)
 */
public final class MissingTargetException extends RepositoryException {
  private final String target;
  private final String where;

  public MissingTargetException(String target, String where) {
    super("target " + target + " not found at " + where);
    this.target = target;
    this.where = where;
  }

  /** The target's name as the metadata lists it (or as it was asked for). */
  public String target() {
    return target;
  }

  /** The URL that answered not-found, or what was searched. */
  public String where() {
    return where;
  }
}
