package dev.keel.updog.error;

import java.nio.file.Path;

/**
 * updog.toml is missing, not TOML, or a key is missing or has the wrong type; names the file and
 * key.
 */
public final class UpdogConfigException extends UpdogException {
  private final Path file;

  public UpdogConfigException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
