package dev.keel.manifest;

import static dev.keel.manifest.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Waves at the host: classification (as the original) and readiness (Part A decision 1). */
class UpdateTest {
  // example.json: waves 0 -> T0, 500 -> T1, 1024 -> T2, one day apart.
  private static final Instant T0 = Instant.parse("2019-10-06T15:00:00Z");
  private static final Instant T1 = Instant.parse("2019-10-07T15:00:00Z");
  private static final Instant T2 = Instant.parse("2019-10-08T15:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  private static Update example() throws MalformedManifestException {
    return Fixtures.manifest("bottlerocket/updog-tests/example.json").updates().get(0);
  }

  static Stream<Arguments> classification() {
    return Stream.of(
        Arguments.of(0, new Wave.Initial(0, T0)),
        Arguments.of(1, new Wave.General(0, T0, 500, T1)),
        Arguments.of(500, new Wave.General(0, T0, 500, T1)),
        Arguments.of(501, new Wave.General(500, T1, 1024, T2)),
        Arguments.of(1024, new Wave.General(500, T1, 1024, T2)),
        Arguments.of(1025, new Wave.Last(1024, T2)),
        Arguments.of(2047, new Wave.Last(1024, T2)));
  }

  @ParameterizedTest
  @MethodSource("classification")
  void classifiesSeedsAsTheOriginal(int seed, Wave expected) throws Exception {
    assertEquals(expected, example().waveFor(new Seed(seed)));
  }

  @Test
  void keysAboveMaxSeedNeverEndAWave() throws Exception {
    Update u = Fixtures.manifest("bottlerocket/updog-tests/multiple_x86_64.json").updates().get(0);
    assertEquals(new Wave.Last(0, T0), u.waveFor(new Seed(123)));
    assertEquals(new Wave.Initial(0, T0), u.waveFor(new Seed(0)));
  }

  @Test
  void noWavesMeansNoneAndAlwaysReady() throws Exception {
    Update u = example().withWaves(new TreeMap<>());
    assertEquals(new Wave.None(), u.waveFor(new Seed(7)));
    assertEquals(Optional.empty(), u.waveFor(new Seed(7)).readyTime(new Seed(7)));
    assertEquals(true, u.isReady(new Seed(7), Instant.EPOCH));
  }

  static Stream<Arguments> readiness() {
    return Stream.of(
        // Seed 0 (Initial): ready at the first wave's time, not before. The original: always.
        Arguments.of(0, T0.minusSeconds(1), false),
        Arguments.of(0, T0.minus(DAY.multipliedBy(365)), false),
        Arguments.of(0, T0, true),
        // First General wave (0, 500]: evenly spread over [T0, T1].
        Arguments.of(1, T0.plusNanos(172_800_000_000L - 1), false),
        Arguments.of(1, T0.plusNanos(172_800_000_000L), true),
        Arguments.of(250, T0.plus(Duration.ofHours(12)).minusNanos(1), false),
        Arguments.of(250, T0.plus(Duration.ofHours(12)), true),
        Arguments.of(500, T1.minusNanos(1), false),
        Arguments.of(500, T1, true),
        // Second General wave (500, 1024]: position is seed - 500, so seed 600 is ready at
        // T1 + 1 day * 100 / 524 (about 4.58 hours). The original multiplies by the absolute
        // seed (600 * 1 day / 524 > 1 day), which pushes this host to T2.
        Arguments.of(600, T1.plusNanos(16_488_549_618_320L - 1), false),
        Arguments.of(600, T1.plusNanos(16_488_549_618_320L), true),
        Arguments.of(600, T1.plus(Duration.ofHours(5)), true),
        Arguments.of(1000, T1.plus(Duration.ofHours(23)), true),
        Arguments.of(1024, T2.minusNanos(1), false),
        Arguments.of(1024, T2, true),
        // Last wave: ready when it starts.
        Arguments.of(1025, T2.minusNanos(1), false),
        Arguments.of(1025, T2, true),
        Arguments.of(2047, T2.plus(DAY), true),
        // Before any wave nobody is ready; after all of them everybody is.
        Arguments.of(1500, T0, false),
        Arguments.of(1, T2.plus(DAY), true));
  }

  @ParameterizedTest
  @MethodSource("readiness")
  void readinessFollowsPartADecisionOne(int seed, Instant now, boolean ready) throws Exception {
    assertEquals(ready, example().isReady(new Seed(seed), now));
  }

  @ParameterizedTest
  @CsvSource({"50", "100"})
  void hostsBelowAFirstKeyAboveZeroWaitForTheFirstWave(int seed) throws Exception {
    Update u = example().withWaves(new TreeMap<>(Map.of(100L, T0, 200L, T1)));
    assertEquals(new Wave.Initial(100, T0), u.waveFor(new Seed(seed)));
    assertEquals(false, u.isReady(new Seed(seed), T0.minusSeconds(1)));
    assertEquals(true, u.isReady(new Seed(seed), T0));
  }

  @Test
  void readyTimeRoundsDownToTheNanosecond() {
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    Wave.General wave = new Wave.General(0, start, 3, start.plusSeconds(1));
    assertEquals(Optional.of(start.plusNanos(333_333_333)), wave.readyTime(new Seed(1)));
    assertEquals(Optional.of(start.plusNanos(666_666_666)), wave.readyTime(new Seed(2)));
    assertEquals(Optional.of(start.plusSeconds(1)), wave.readyTime(new Seed(3)));
  }

  @Test
  void longWavesDoNotOverflow() {
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    Wave.General wave = new Wave.General(0, start, 2047, start.plus(DAY.multipliedBy(400 * 365)));
    assertEquals(
        Optional.of(start.plus(DAY.multipliedBy(400 * 365))), wave.readyTime(new Seed(2047)));
  }

  @Test
  void seedsAreInZeroTo2047() {
    assertThrows(IllegalArgumentException.class, () -> new Seed(-1));
    assertThrows(IllegalArgumentException.class, () -> new Seed(2048));
    assertEquals(2047, new Seed(2047).value());
  }

  @Test
  void waveKeysMustBeU32() {
    Update u = Update.of("v", "x86_64", v("1.0.0"), v("1.0.0"), new Images("b", "r", "h"));
    assertThrows(
        IllegalArgumentException.class,
        () -> u.withWaves(new TreeMap<>(Map.of(Update.MAX_WAVE_KEY + 1, T0))));
    assertThrows(IllegalArgumentException.class, () -> u.withWaves(new TreeMap<>(Map.of(-1L, T0))));
  }
}
