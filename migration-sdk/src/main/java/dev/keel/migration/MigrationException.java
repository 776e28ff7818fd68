package dev.keel.migration;

/**
 * A migration could not transform the data it was given; the migration exits 1 with this message.
 */
public class MigrationException extends Exception {
  public MigrationException(String message) {
    super(message);
  }

  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
