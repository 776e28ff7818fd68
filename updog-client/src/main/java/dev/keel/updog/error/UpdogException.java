package dev.keel.updog.error;

/**
 * Root of every failure updog reports; the message names what was wrong (file, key, target,
 * partition) and the CLI prints it and exits 1. "No update available" is a result, not an
 * exception.
 *
 * <p>One class per failed check: {@link UpdogConfigException} (updog.toml), {@link
 * OsReleaseException} (os-release), {@link HostFileException} (another host file or directory),
 * {@link RepositoryFailureException} (TUF metadata or a download failed: expired, tampered,
 * unreachable), {@link ManifestUnusableException} (manifest.json missing or malformed, or no
 * migration path), {@link UnknownVariantException}, {@link TargetNotFoundException}, {@link
 * ImageVerificationException} (length or hash of an image), {@link ImageFormatException} (not an
 * LZ4 frame), {@link ImageTooLargeException} (larger than its partition), {@link DiskException}
 * (the disk or its GPT), {@link LockHeldException} and {@link RebootException}.
 */
public abstract sealed class UpdogException extends Exception
    permits UpdogConfigException,
        OsReleaseException,
        HostFileException,
        RepositoryFailureException,
        ManifestUnusableException,
        UnknownVariantException,
        TargetNotFoundException,
        ImageVerificationException,
        ImageFormatException,
        ImageTooLargeException,
        DiskException,
        LockHeldException,
        RebootException {

  protected UpdogException(String message) {
    super(message);
  }

  protected UpdogException(String message, Throwable cause) {
    super(message, cause);
  }
}
