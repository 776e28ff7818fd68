package dev.keel.tuf.error;

/**
 * Metadata or a target from a repository failed a TUF check. Catching this handles every attack
 * case.
 */
public abstract sealed class RepositoryException extends TufException
    permits MalformedMetadataException,
        UnsignedMetadataException,
        VersionMismatchException,
        RollbackException,
        ExpiredMetadataException,
        LengthOrHashMismatchException,
        InvalidTargetPathException,
        DelegationLimitException,
        MissingMetadataException,
        MissingTargetException,
        SignatureInvalidException {

  protected RepositoryException(String message) {
    super(message);
  }

  protected RepositoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
