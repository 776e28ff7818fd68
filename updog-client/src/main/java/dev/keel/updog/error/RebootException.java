package dev.keel.updog.error;

/** The reboot command could not be started or failed; the update itself is in place. */
public final class RebootException extends UpdogException {
  public RebootException(String message, Throwable cause) {
    super(message, cause);
  }
}
