package dev.keel.partition;

/** upgrade-to-inactive: the inactive set has no tries left, so it was never marked valid. */
public final class InactiveNotValidException extends PartitionException {
  private final SetSelect inactive;
  private final GptPrio prio;

  public InactiveNotValidException(SetSelect inactive, GptPrio prio) {
    super("inactive set " + inactive + " has not been marked valid (" + prio.describe() + ")");
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
