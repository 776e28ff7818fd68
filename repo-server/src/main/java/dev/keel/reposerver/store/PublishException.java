package dev.keel.reposerver.store;

/**
 * Root of every failure the publishing side reports. The family is closed so that the HTTP layer
 * maps each kind to one status: {@link InvalidRequestException} (400, with {@link
 * InvalidReleaseException} naming what is wrong with a release), {@link AdminRequiredException}
 * (403), {@link NotFoundException} (404), {@link ConflictException} (409: released bytes or
 * versions would change), {@link UploadTooLargeException} (413), {@link RepositoryStateException}
 * (500: the repository on disk could not be loaded, signed or written) and its {@link
 * StorageFullException} (507: the server's disk is full).
 */
public abstract sealed class PublishException extends Exception
    permits InvalidRequestException,
        AdminRequiredException,
        NotFoundException,
        ConflictException,
        UploadTooLargeException,
        RepositoryStateException {

  protected PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
