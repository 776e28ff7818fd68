package dev.keel.updog.error;

/** An image is not a valid LZ4 frame (wrong magic, corrupt block or checksum). */
public final class ImageFormatException extends UpdogException {
  private final String target;

  public ImageFormatException(String target, Throwable cause) {
    super(target + ": not a valid LZ4 frame: " + cause.getMessage(), cause);
    this.target = target;
  }

  public String target() {
    return target;
  }
}
