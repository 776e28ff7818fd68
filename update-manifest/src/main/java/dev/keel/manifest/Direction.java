package dev.keel.manifest;

/** Which way a migration runs: up to a newer OS version, or back down ({@code --backward}). */
public enum Direction {
  FORWARD,
  BACKWARD
}
