package dev.keel.partition;

/**
 * One of the two partition sets (banks): A is the first BOOT/ROOT/HASH in table order, B the
 * second.
 */
public enum SetSelect {
  A,
  B;

  public SetSelect other() {
    return this == A ? B : A;
  }
}
