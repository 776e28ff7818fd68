package dev.keel.tuf.client;

import dev.keel.tuf.error.LengthOrHashMismatchException;
import dev.keel.tuf.transport.DownloadIOException;
import java.io.IOException;

/**
 * Carries a {@link LengthOrHashMismatchException} through {@link java.io.InputStream#read}; the
 * counterpart of {@link DownloadIOException} for verification failures.
 */
public final class VerificationIOException extends IOException {
  private final LengthOrHashMismatchException mismatch;

  public VerificationIOException(LengthOrHashMismatchException mismatch) {
    super(mismatch.getMessage(), mismatch);
    this.mismatch = mismatch;
  }

  public LengthOrHashMismatchException mismatch() {
    return mismatch;
  }

  /** The verification failure in {@code e}'s cause chain, if any. */
  public static java.util.Optional<LengthOrHashMismatchException> find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof VerificationIOException v) {
        return java.util.Optional.of(v.mismatch);
      }
    }
    return java.util.Optional.empty();
  }
}
