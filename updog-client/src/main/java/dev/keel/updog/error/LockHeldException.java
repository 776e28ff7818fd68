package dev.keel.updog.error;

import java.nio.file.Path;

/** Another updog holds the update lock. */
public final class LockHeldException extends UpdogException {
  public LockHeldException(Path lock, String holder) {
    super(
        "another updog is running ("
            + holder
            + " holds "
            + lock
            + "); try again later, or pass --wait");
  }
}
