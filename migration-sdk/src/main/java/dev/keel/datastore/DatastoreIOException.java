package dev.keel.datastore;

import java.io.IOException;
import java.nio.file.Path;

/** Reading or writing a datastore file failed; {@link #path()} names it. */
public final class DatastoreIOException extends DatastoreException {
  private final Path path;

  public DatastoreIOException(Path path, String what, IOException cause) {
    super(path + ": " + what + ": " + cause.getMessage(), cause);
    this.path = path;
  }

  public Path path() {
    return path;
  }
}
