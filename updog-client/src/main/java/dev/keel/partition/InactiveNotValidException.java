package dev.keel.partition;

/** upgrade-to-inactive: the inactive set has no tries left, so it was never marked valid. */
public final class InactiveNotValidException extends InactiveSetRefusedException {
  public InactiveNotValidException(SetSelect inactive, GptPrio prio) {
    super(inactive, prio, "has not been marked valid");
  }
}
