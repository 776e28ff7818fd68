package dev.keel.manifest;

import java.util.Objects;

/**
 * "Waves are not ordered": in {@link #update()}'s waves the time of {@link #seed()} is not strictly
 * before the time of the next key, {@link #nextSeed()}. Usually the wave policy's percentages or
 * offsets do not increase.
 */
public final class WavesNotOrderedException extends ManifestException {
  private final Update update;
  private final long seed;
  private final long nextSeed;

  public WavesNotOrderedException(Update update, long seed, long nextSeed) {
    super(
        "Waves are not ordered: update "
            + update.variant()
            + " "
            + update.arch()
            + " "
            + update.version()
            + " has the wave at seed "
            + seed
            + " ("
            + update.waves().get(seed)
            + ") not before the wave at seed "
            + nextSeed
            + " ("
            + update.waves().get(nextSeed)
            + ")");
    this.update = Objects.requireNonNull(update);
    this.seed = seed;
    this.nextSeed = nextSeed;
  }

  public Update update() {
    return update;
  }

  public long seed() {
    return seed;
  }

  public long nextSeed() {
    return nextSeed;
  }
}
