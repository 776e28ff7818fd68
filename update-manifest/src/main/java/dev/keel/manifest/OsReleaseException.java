package dev.keel.manifest;

import java.nio.file.Path;

/** os-release is missing or unreadable, or lacks (or has a bad) {@code key}. */
public final class OsReleaseException extends ManifestException {
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

  /** The key at fault, or empty when the file itself could not be read. */
  public String key() {
    return key;
  }
}
