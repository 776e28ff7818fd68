package dev.keel.datastore;

import java.nio.file.Path;

/** A key or transaction name that would resolve outside its datastore base directory. */
public final class PathTraversalException extends DatastoreException {
  public PathTraversalException(String name, Path base) {
    super("'" + name + "' resolves outside the datastore directory " + base);
  }
}
