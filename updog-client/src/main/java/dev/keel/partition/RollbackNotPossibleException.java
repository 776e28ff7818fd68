package dev.keel.partition;

/**
 * rollback-to-inactive: the inactive set would not boot (no priority with tries, not successful).
 */
public final class RollbackNotPossibleException extends InactiveSetRefusedException {
  public RollbackNotPossibleException(SetSelect inactive, GptPrio prio) {
    super(inactive, prio, "is not valid to roll back to");
  }
}
