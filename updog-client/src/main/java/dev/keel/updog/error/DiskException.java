package dev.keel.updog.error;

/**
 * The OS disk could not be read or written, its GPT is unusable, or a boot-flag change is not
 * allowed now.
 */
public final class DiskException extends UpdogException {
  public DiskException(String message, Throwable cause) {
    super(message, cause);
  }
}
