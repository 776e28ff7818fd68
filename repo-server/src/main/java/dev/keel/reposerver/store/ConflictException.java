package dev.keel.reposerver.store;

/**
 * The request would change what is already released: the version is already in the manifest, or a
 * target name already listed would point at other bytes. Released bytes are immutable; nothing was
 * changed.
 */
public final class ConflictException extends PublishException {
  public ConflictException(String message) {
    super(message, null);
  }
}
