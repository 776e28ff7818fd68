package dev.keel.datastore;

import java.nio.file.Path;

/**
 * The files on disk are not a datastore: no {@code live/}, invalid UTF-8 in a name, a value that is
 * not JSON.
 */
public final class CorruptDatastoreException extends DatastoreException {
  private final Path path;

  public CorruptDatastoreException(Path path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  public Path path() {
    return path;
  }
}
