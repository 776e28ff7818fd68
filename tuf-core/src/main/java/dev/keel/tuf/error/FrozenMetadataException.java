package dev.keel.tuf.error;

/**
 * Metadata that must be loaded in order was offered out of order or after the trusted set was
 * frozen (for example snapshot before timestamp). A programming or repository error.
 */
public final class FrozenMetadataException extends RepositoryException {
  public FrozenMetadataException(String message) {
    super(message);
  }
}
