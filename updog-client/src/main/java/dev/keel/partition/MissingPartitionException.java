package dev.keel.partition;

/**
 * The table lacks a partition the Bottlerocket layout needs (BOOT, ROOT, HASH of a set, or
 * PRIVATE).
 */
public final class MissingPartitionException extends PartitionException {
  public MissingPartitionException(String message) {
    super(message);
  }
}
