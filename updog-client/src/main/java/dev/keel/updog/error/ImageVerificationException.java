package dev.keel.updog.error;

/** An image's bytes did not match its signed length or hash; the inactive set stays unbootable. */
public final class ImageVerificationException extends UpdogException {
  private final String target;

  public ImageVerificationException(String target, Throwable cause) {
    super(cause.getMessage() + " (the inactive partition set stays unbootable)", cause);
    this.target = target;
  }

  public String target() {
    return target;
  }
}
