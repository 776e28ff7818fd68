package dev.keel.partition;

/** rollback-to-inactive: the inactive set would not boot (no priority with tries, not successful). */
public final class RollbackNotPossibleException extends PartitionException {
  private final SetSelect inactive;
  private final GptPrio prio;

  public RollbackNotPossibleException(SetSelect inactive, GptPrio prio) {
    super("inactive set " + inactive + " is not valid to roll back to (" + prio.describe() + ")");
    this.inactive = inactive;
    this.prio = prio;
  }

  public SetSelect inactive() {
    return inactive;
  }

  public GptPrio prio() {
    return prio;
  }
}
