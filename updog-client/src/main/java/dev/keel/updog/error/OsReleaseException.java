package dev.keel.updog.error;

import java.nio.file.Path;

/** os-release is missing or lacks (or has a bad) {@code key}. */
public final class OsReleaseException extends UpdogException {
  private final Path file;
  private final String key;

  public OsReleaseException(Path file, String key, String problem, Throwable cause) {
    super(file + ": " + (key.isEmpty() ? "" : key + ": ") + problem, cause);
    this.file = file;
    this.key = key;
  }

  public Path file() {
    return file;
  }

  public String key() {
    return key;
  }
}
