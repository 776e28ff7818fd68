package dev.keel.updog.error;

import dev.keel.tuf.error.TufException;

/**
 * The update repository could not be trusted or read: expired, badly signed or rolled-back
 * metadata, an unreachable server, a failed download. {@link #tuf()} is the typed TUF failure.
 */
public final class RepositoryFailureException extends UpdogException {
  private final TufException tuf;

  public RepositoryFailureException(String context, TufException tuf) {
    super(context + ": " + tuf.getMessage(), tuf);
    this.tuf = tuf;
  }

  public TufException tuf() {
    return tuf;
  }
}
