package dev.keel.reposerver.store;

/**
 * Root of every failure the publishing side reports. The family is closed so that the HTTP layer
 * maps each kind to one status: {@link InvalidRequestException} (400), {@link NotFoundException}
 * (404), {@link UploadTooLargeException} (413) and {@link RepositoryStateException} (500: the
 * repository on disk could not be loaded, signed or written).
 */
public abstract sealed class PublishException extends Exception
    permits InvalidRequestException, NotFoundException, UploadTooLargeException, RepositoryStateException {

  protected PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
