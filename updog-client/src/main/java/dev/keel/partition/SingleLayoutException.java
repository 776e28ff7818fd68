package dev.keel.partition;

/** The disk has only one partition set, and the command needs an inactive one. */
public final class SingleLayoutException extends PartitionException {
  public SingleLayoutException(String command) {
    super(command + " needs two partition sets, and this disk has only set A");
  }
}
