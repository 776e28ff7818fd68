package dev.keel.tuf.error;

/** Downloaded bytes do not have the length or hash that signed metadata promised. */
public final class LengthOrHashMismatchException extends RepositoryException {
  private final String what;

  public LengthOrHashMismatchException(String what, String problem) {
    super(what + ": " + problem);
    this.what = what;
  }

  /** The file, role or target whose bytes did not match. */
  public String what() {
    return what;
  }
}
