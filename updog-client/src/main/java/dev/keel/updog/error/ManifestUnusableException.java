package dev.keel.updog.error;

/**
 * manifest.json is not in the repository, cannot be parsed, or has no migration path for the
 * update.
 */
public final class ManifestUnusableException extends UpdogException {
  public ManifestUnusableException(String message, Throwable cause) {
    super(message, cause);
  }
}
