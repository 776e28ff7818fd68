package dev.keel.partition;

/**
 * Neither the kernel command line nor the device under {@code /} names a partition of set A or B.
 */
public final class ActiveSetNotFoundException extends PartitionException {
  public ActiveSetNotFoundException(String message) {
    super(message);
  }
}
