package dev.keel.datastore;

/**
 * A key name that the datastore does not accept: empty segment, bad character, unbalanced quote,
 * too long.
 */
public final class InvalidKeyException extends DatastoreException {
  private final String name;

  public InvalidKeyException(String name, String problem) {
    super("invalid key '" + name + "': " + problem);
    this.name = name;
  }

  public String name() {
    return name;
  }
}
