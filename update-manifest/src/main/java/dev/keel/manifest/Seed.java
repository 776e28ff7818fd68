package dev.keel.manifest;

/**
 * A host's wave seed ({@code settings.updates.seed}), drawn uniformly from [0, {@value #MAX}) when
 * the host first boots. It fixes the host's place in every rollout.
 */
public record Seed(int value) {
  /** Seeds are below this; also the seed at which the last wave ends. */
  public static final int MAX = 2048;

  public Seed {
    if (value < 0 || value >= MAX) {
      throw new IllegalArgumentException("seed must be in [0, " + MAX + "), got " + value);
    }
  }
}
