package dev.keel.tuf.error;

/** A target path is empty, absolute, or escapes its base with {@code ..}. */
public final class InvalidTargetPathException extends RepositoryException {
  private final String path;

  public InvalidTargetPathException(String path, String problem) {
    super("target path '" + path + "': " + problem);
    this.path = path;
  }

  public String path() {
    return path;
  }
}
