package dev.keel.tuf.error;

import java.nio.file.Path;

/** Reading or writing a local file failed; {@link #path()} names it. */
public final class StorageException extends TufException {
  private final Path path;

  public StorageException(Path path, String what, Throwable cause) {
    super(
        path
            + ": "
            + what
            + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""),
        cause);
    this.path = path;
  }

  public Path path() {
    return path;
  }
}
