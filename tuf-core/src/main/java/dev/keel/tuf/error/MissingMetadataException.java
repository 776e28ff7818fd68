package dev.keel.tuf.error;

/**
 * A metadata file the workflow requires (timestamp, a listed role, the trusted root) does not
 * exist.
 */
public final class MissingMetadataException extends RepositoryException {
  private final String what;

  public MissingMetadataException(String what, String where) {
    super(what + " not found at " + where);
    this.what = what;
  }

  public String what() {
    return what;
  }
}
