package dev.keel.partition;

import java.nio.file.Path;

/** Neither the primary nor the backup GPT is valid; nothing was written. */
public final class NoValidGptException extends PartitionException {
  private final String primaryProblem;
  private final String backupProblem;

  public NoValidGptException(Path disk, String primaryProblem, String backupProblem) {
    super(
        disk
            + ": no valid GPT (primary: "
            + primaryProblem
            + "; backup: "
            + backupProblem
            + "); nothing was written");
    this.primaryProblem = primaryProblem;
    this.backupProblem = backupProblem;
  }

  public String primaryProblem() {
    return primaryProblem;
  }

  public String backupProblem() {
    return backupProblem;
  }
}
