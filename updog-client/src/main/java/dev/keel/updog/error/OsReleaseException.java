package dev.keel.updog.error;

import java.nio.file.Path;

/** os-release is missing or lacks (or has a bad) {@code key}: updog cannot tell what it runs. */
public final class OsReleaseException extends UpdogException {
  private final Path file;
  private final String key;

  public OsReleaseException(dev.keel.manifest.OsReleaseException cause) {
    super(cause.getMessage(), cause);
    this.file = cause.file();
    this.key = cause.key();
  }

  public Path file() {
    return file;
  }

  public String key() {
    return key;
  }
}
