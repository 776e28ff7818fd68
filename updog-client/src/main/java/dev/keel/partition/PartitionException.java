package dev.keel.partition;

/**
 * Root of every failure the partition code reports: one subclass per failed check, each with a
 * message that names the disk or partition and what was wrong. Checked, like tuf-core's {@code
 * TufException}. Programming errors (a bad argument from our own code) are unchecked.
 */
public abstract sealed class PartitionException extends Exception
    permits DiskIoException,
        NoValidGptException,
        MissingPartitionException,
        ActiveSetNotFoundException,
        SingleLayoutException,
        InactiveSetRefusedException {

  protected PartitionException(String message) {
    super(message);
  }

  protected PartitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
