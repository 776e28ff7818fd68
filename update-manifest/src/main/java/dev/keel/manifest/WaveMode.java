package dev.keel.manifest;

/**
 * Whether update selection honours rollout waves ({@code --now}/{@code ignore_waves} ignores them).
 */
public enum WaveMode {
  /** Only updates whose wave has reached this host's seed are applicable. */
  RESPECT_WAVES,
  /** Every update is applicable regardless of waves. */
  IGNORE_WAVES
}
