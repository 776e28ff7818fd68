package dev.keel.partition;

/** upgrade-to-inactive: the inactive set already has a priority or is marked successful. */
public final class AlreadyMarkedForUpgradeException extends InactiveSetRefusedException {
  public AlreadyMarkedForUpgradeException(SetSelect inactive, GptPrio prio) {
    super(inactive, prio, "is already marked for upgrade");
  }
}
