package dev.keel.manifest;

import static dev.keel.manifest.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** updog's update_required, table-driven over the upstream updog test fixtures. */
class UpdateSelectorTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final String EKS = "bottlerocket-aws-eks";
  private static final VersionLock LATEST = VersionLock.latest();

  record Case(
      String fixture,
      String variant,
      String arch,
      String current,
      int seed,
      VersionLock lock,
      String force,
      WaveMode waves,
      Instant now,
      String expected) {
    @Override
    public String toString() {
      return fixture + " " + arch + " from " + current + " seed " + seed + " lock " + lock
          + " force " + force + " " + waves + " at " + now + " -> " + expected;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            // test_multiple: 1.13.0 lower, 1.25.0 above max_version, 1.16.0 other arch.
            c("multiple_x86_64.json", EKS, "x86_64", "1.10.0", 123, LATEST, null, "1.15.0"),
            c("multiple_aarch64.json", EKS, "aarch64", "1.10.0", 123, LATEST, null, "1.15.0"),
            c("multiple_x86_64.json", EKS, "aarch64", "1.10.0", 123, LATEST, null, "1.16.0"),
            c("multiple_x86_64.json", "aws-k8s-1.29", "x86_64", "1.10.0", 123, LATEST, null, null),
            // Already on the newest allowed version: nothing to do.
            c("multiple_x86_64.json", EKS, "x86_64", "1.15.0", 123, LATEST, null, null),
            c("multiple_x86_64.json", EKS, "x86_64", "1.14.0", 123, LATEST, null, "1.15.0"),
            // force_update_version: --image picks exactly that version, even a downgrade or the
            // running one; max_version and arch still filter.
            c("multiple_x86_64.json", EKS, "x86_64", "1.10.0", 123, LATEST, "1.13.0", "1.13.0"),
            c("multiple_x86_64.json", EKS, "x86_64", "1.15.0", 123, LATEST, "1.13.0", "1.13.0"),
            c("multiple_x86_64.json", EKS, "x86_64", "1.13.0", 123, LATEST, "1.13.0", "1.13.0"),
            c("multiple_x86_64.json", EKS, "x86_64", "1.10.0", 123, LATEST, "1.25.0", null),
            c("multiple_x86_64.json", EKS, "x86_64", "1.10.0", 123, LATEST, "1.16.0", null),
            c(
                "multiple_x86_64.json",
                EKS,
                "x86_64",
                "1.10.0",
                123,
                lock("1.15.0"),
                "1.13.0",
                "1.13.0"),
            // test_versions: the only update exceeds max_version.
            c("regret.json", EKS, "x86_64", "1.18.0", 123, LATEST, null, null),
            // Regret: running above max_version (a pulled release) rolls back to the newest
            // allowed.
            c("multiple_x86_64.json", EKS, "x86_64", "1.25.0", 123, LATEST, null, "1.15.0"),
            c("multiple_x86_64.json", EKS, "x86_64", "1.20.1", 123, LATEST, null, "1.15.0"),
            c("multiple_x86_64.json", EKS, "x86_64", "1.20.0", 123, LATEST, null, null),
            // older_versions: running 0.1.3 > max 0.1.2 picks 0.1.2, the most recent valid one.
            c(
                "example_3_x86_64.json",
                "aws-k8s-1.15",
                "x86_64",
                "0.1.3",
                1487,
                LATEST,
                null,
                "0.1.2"),
            c(
                "example_3_aarch64.json",
                "aws-k8s-1.15",
                "aarch64",
                "0.1.3",
                1487,
                LATEST,
                null,
                "0.1.2"),
            c(
                "example_3_x86_64.json",
                "aws-k8s-1.15",
                "x86_64",
                "0.1.0",
                1487,
                LATEST,
                null,
                "0.1.2"),
            // Version lock: exact version (up or down), never to the running version.
            c("multiple_x86_64.json", EKS, "x86_64", "1.10.0", 123, lock("1.13.0"), null, "1.13.0"),
            c(
                "multiple_x86_64.json",
                EKS,
                "x86_64",
                "1.15.0",
                123,
                lock("v1.13.0"),
                null,
                "1.13.0"),
            c("multiple_x86_64.json", EKS, "x86_64", "1.13.0", 123, lock("1.13.0"), null, null),
            c("multiple_x86_64.json", EKS, "x86_64", "1.10.0", 123, lock("1.25.0"), null, null),
            c("multiple_x86_64.json", EKS, "x86_64", "1.10.0", 123, lock("1.14.0"), null, null),
            // Waves: single_wave.json has one wave at 2019-10-06T15:00:00Z.
            new Case(
                "single_wave.json",
                EKS,
                "x86_64",
                "1.10.0",
                5,
                LATEST,
                null,
                WaveMode.RESPECT_WAVES,
                Instant.parse("2019-10-06T14:59:59Z"),
                null),
            new Case(
                "single_wave.json",
                EKS,
                "x86_64",
                "1.10.0",
                5,
                LATEST,
                null,
                WaveMode.RESPECT_WAVES,
                Instant.parse("2019-10-06T15:00:00Z"),
                "1.13.0"),
            new Case(
                "single_wave.json",
                EKS,
                "x86_64",
                "1.10.0",
                5,
                LATEST,
                null,
                WaveMode.IGNORE_WAVES,
                Instant.parse("2019-10-06T14:59:59Z"),
                "1.13.0"),
            // Seed 0 waits for the first wave too (the original would offer it at once).
            new Case(
                "single_wave.json",
                EKS,
                "x86_64",
                "1.10.0",
                0,
                LATEST,
                null,
                WaveMode.RESPECT_WAVES,
                Instant.parse("2019-10-06T14:59:59Z"),
                null),
            new Case(
                "single_wave.json",
                EKS,
                "x86_64",
                "1.10.0",
                0,
                LATEST,
                "1.13.0",
                WaveMode.RESPECT_WAVES,
                Instant.parse("2019-10-06T14:59:59Z"),
                null),
            // example.json (0 -> 10-06, 500 -> 10-07, 1024 -> 10-08): seed 1000 sits at 500/524 of
            // the second wave, so it is ready 23h in (the original: only at 10-08).
            new Case(
                "example.json",
                EKS,
                "x86_64",
                "1.10.0",
                1000,
                LATEST,
                null,
                WaveMode.RESPECT_WAVES,
                Instant.parse("2019-10-08T13:59:59Z"),
                "1.13.0"),
            new Case(
                "example.json",
                EKS,
                "x86_64",
                "1.10.0",
                1000,
                LATEST,
                null,
                WaveMode.RESPECT_WAVES,
                Instant.parse("2019-10-08T12:00:00Z"),
                null))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void selects(Case k) throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/" + k.fixture());
    Host host = new Host(k.variant(), k.arch(), v(k.current()), new Seed(k.seed()));
    Optional<SemVer> force = Optional.ofNullable(k.force()).map(Fixtures::v);
    Optional<Update> selected = UpdateSelector.select(m, host, k.lock(), force, k.waves(), k.now());
    assertEquals(
        Optional.ofNullable(k.expected()).map(Fixtures::v),
        selected.map(Update::version),
        k.toString());
    selected.ifPresent(u -> assertEquals(k.arch(), u.arch()));
  }

  @Test
  void applicableUpdatesAreSortedNewestFirst() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/multiple_x86_64.json");
    Host host = new Host(EKS, "x86_64", v("1.10.0"), new Seed(123));
    assertEquals(
        List.of(v("1.15.0"), v("1.13.0")),
        UpdateSelector.applicableUpdates(m, host, WaveMode.RESPECT_WAVES, NOW).stream()
            .map(Update::version)
            .toList());
  }

  @Test
  void applicableUpdatesHonourWaves() throws Exception {
    Manifest m = Fixtures.manifest("bottlerocket/updog-tests/example_3_x86_64.json");
    Host host = new Host("aws-k8s-1.15", "x86_64", v("0.1.0"), new Seed(1000));
    Instant between = Instant.parse("2019-09-25T00:00:00Z");
    assertEquals(
        List.of(v("0.1.1")),
        UpdateSelector.applicableUpdates(m, host, WaveMode.RESPECT_WAVES, between).stream()
            .map(Update::version)
            .toList());
    assertEquals(
        List.of(v("0.1.2"), v("0.1.1")),
        UpdateSelector.applicableUpdates(m, host, WaveMode.IGNORE_WAVES, between).stream()
            .map(Update::version)
            .toList());
  }

  private static Case c(
      String fixture,
      String variant,
      String arch,
      String current,
      int seed,
      VersionLock lock,
      String force,
      String expected) {
    return new Case(
        fixture, variant, arch, current, seed, lock, force, WaveMode.RESPECT_WAVES, NOW, expected);
  }

  private static VersionLock lock(String text) {
    try {
      return VersionLock.parse(text);
    } catch (VersionFormatException e) {
      throw new AssertionError(e);
    }
  }
}
