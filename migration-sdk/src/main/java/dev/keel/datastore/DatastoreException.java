package dev.keel.datastore;

/** Root of every failure of the settings datastore. Checked; one subclass per failed check. */
public abstract sealed class DatastoreException extends Exception
    permits InvalidKeyException,
        PathTraversalException,
        CorruptDatastoreException,
        DatastoreIOException {

  protected DatastoreException(String message) {
    super(message);
  }

  protected DatastoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
