package dev.keel.manifest;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The wave a host falls into for one update, found from its seed by {@link Update#waveFor(Seed)}. A
 * manifest's {@code waves} map each wave's <em>starting seed</em> to its start time; for seed
 * {@code s}, {@code start} is the entry with the largest key below {@code s} and {@code end} the
 * entry with the smallest key in [{@code s}, {@value Seed#MAX}]:
 *
 * <ul>
 *   <li>no start, an end: {@link Initial};
 *   <li>both: {@link General};
 *   <li>a start, no end: {@link Last};
 *   <li>no waves at all: {@link None}.
 * </ul>
 *
 * <p>{@link #readyTime(Seed)} says when a host with that seed may take the update (our Part A
 * decision 1, see {@link Update}).
 */
public sealed interface Wave permits Wave.Initial, Wave.General, Wave.Last, Wave.None {

  /**
   * When a host with {@code seed} in this wave may install the update; empty means "at once" (no
   * waves).
   */
  Optional<Instant> readyTime(Seed seed);

  /** The seed is at or below the first key: ready at that key's time (never before it). */
  record Initial(long endSeed, Instant endTime) implements Wave {
    public Initial {
      Objects.requireNonNull(endTime, "endTime");
    }

    @Override
    public Optional<Instant> readyTime(Seed seed) {
      return Optional.of(endTime);
    }
  }

  /**
   * The seed is in ({@code startSeed}, {@code endSeed}]: hosts are spread evenly over [{@code
   * startTime}, {@code endTime}] by their position in the wave, {@code startTime + (endTime -
   * startTime) * (seed - startSeed) / (endSeed - startSeed)}, rounded down to the nanosecond.
   */
  record General(long startSeed, Instant startTime, long endSeed, Instant endTime) implements Wave {
    public General {
      Objects.requireNonNull(startTime, "startTime");
      Objects.requireNonNull(endTime, "endTime");
      if (startSeed >= endSeed) {
        throw new IllegalArgumentException(
            "startSeed " + startSeed + " must be below endSeed " + endSeed);
      }
    }

    @Override
    public Optional<Instant> readyTime(Seed seed) {
      BigInteger nanosPerSecond = BigInteger.valueOf(1_000_000_000L);
      Duration length = Duration.between(startTime, endTime);
      BigInteger lengthNanos =
          BigInteger.valueOf(length.getSeconds())
              .multiply(nanosPerSecond)
              .add(BigInteger.valueOf(length.getNano()));
      // Clamp so that a seed outside the wave (only possible if called with another seed than
      // the one the wave was found for) still gets a time inside it.
      long position = Math.max(0, Math.min(seed.value() - startSeed, endSeed - startSeed));
      BigInteger[] offset =
          lengthNanos
              .multiply(BigInteger.valueOf(position))
              .divide(BigInteger.valueOf(endSeed - startSeed))
              .divideAndRemainder(nanosPerSecond);
      return Optional.of(
          startTime.plus(
              Duration.ofSeconds(offset[0].longValueExact(), offset[1].longValueExact())));
    }
  }

  /** The seed is above the last key: ready when that last wave starts. */
  record Last(long startSeed, Instant startTime) implements Wave {
    public Last {
      Objects.requireNonNull(startTime, "startTime");
    }

    @Override
    public Optional<Instant> readyTime(Seed seed) {
      return Optional.of(startTime);
    }
  }

  /** The update has no waves: ready at once. */
  record None() implements Wave {
    @Override
    public Optional<Instant> readyTime(Seed seed) {
      return Optional.empty();
    }
  }
}
