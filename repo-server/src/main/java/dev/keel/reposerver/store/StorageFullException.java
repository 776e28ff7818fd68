package dev.keel.reposerver.store;

import java.util.Locale;

/**
 * The server's own disk is full (or over quota): a write failed for lack of space. Not a problem
 * with the request or with the repository, which is unchanged; retry once space is freed.
 */
public final class StorageFullException extends RepositoryStateException {
  public StorageFullException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A failure of a local write described as what it is: a {@link StorageFullException} if the
   * operating system said the disk is full or over quota (ENOSPC, EDQUOT), else a {@link
   * RepositoryStateException}. {@code what} says what was being written.
   */
  public static RepositoryStateException classify(String what, Throwable cause) {
    String reason = String.valueOf(cause.getMessage());
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("no space left on device") || m.contains("disk quota exceeded")) {
        return new StorageFullException(
            "the server's disk is full: " + what + ": " + reason, cause);
      }
    }
    return new RepositoryStateException(what + ": " + reason, cause);
  }
}
