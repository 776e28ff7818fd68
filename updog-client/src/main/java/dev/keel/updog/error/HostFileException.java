package dev.keel.updog.error;

import java.nio.file.Path;

/**
 * A host file or directory updog needs could not be read or written: the shipped root, the TUF
 * state directory, the migrator's cache directories, the lock file.
 */
public final class HostFileException extends UpdogException {
  private final Path file;

  public HostFileException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
