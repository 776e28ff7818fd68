package dev.keel.partition;

/** upgrade-to-inactive: the inactive set already has a priority or is marked successful. */
public final class AlreadyMarkedForUpgradeException extends PartitionException {
  private final SetSelect inactive;
  private final GptPrio prio;

  public AlreadyMarkedForUpgradeException(SetSelect inactive, GptPrio prio) {
    super("inactive set " + inactive + " is already marked for upgrade (" + prio.describe() + ")");
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
