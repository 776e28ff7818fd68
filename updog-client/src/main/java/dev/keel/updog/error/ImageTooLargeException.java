package dev.keel.updog.error;

/**
 * An image decompresses to more bytes than its partition holds; nothing past the partition was
 * written.
 */
public final class ImageTooLargeException extends UpdogException {
  private final String target;
  private final long partitionBytes;

  public ImageTooLargeException(String target, String partition, long partitionBytes) {
    super(
        target
            + ": image is larger than partition "
            + partition
            + " ("
            + partitionBytes
            + " bytes)");
    this.target = target;
    this.partitionBytes = partitionBytes;
  }

  public String target() {
    return target;
  }

  public long partitionBytes() {
    return partitionBytes;
  }
}
