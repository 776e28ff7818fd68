package dev.keel.migration;

/**
 * Which way a migration runs: {@code --forward} to a newer OS version, {@code --backward} to an
 * older one.
 */
public enum Direction {
  FORWARD,
  BACKWARD
}
