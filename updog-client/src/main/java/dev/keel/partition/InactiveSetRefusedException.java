package dev.keel.partition;

/**
 * A transition refused because of the inactive set's flags; carries the set and its flags as found.
 */
public abstract sealed class InactiveSetRefusedException extends PartitionException
    permits AlreadyMarkedForUpgradeException,
        InactiveNotValidException,
        RollbackNotPossibleException {
  private final SetSelect inactive;
  private final GptPrio prio;

  protected InactiveSetRefusedException(SetSelect inactive, GptPrio prio, String why) {
    super("inactive set " + inactive + " " + why + " (" + prio.describe() + ")");
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
