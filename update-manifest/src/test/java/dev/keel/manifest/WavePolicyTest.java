package dev.keel.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class WavePolicyTest {
  private static final Instant T = Instant.parse("2024-03-01T12:00:00Z");

  @Test
  void defaultPolicyStartedAtTGivesTheDocumentedSeedsAndTimes() throws Exception {
    Map<Long, Instant> expected = new LinkedHashMap<>();
    expected.put(0L, T.plus(Duration.ofHours(1)));
    expected.put(20L, T.plus(Duration.ofHours(4)));
    expected.put(102L, T.plus(Duration.ofDays(1)));
    expected.put(307L, T.plus(Duration.ofDays(2)));
    expected.put(819L, T.plus(Duration.ofDays(4)));
    expected.put(1228L, T.plus(Duration.ofDays(5)));
    expected.put(1843L, T.plus(Duration.ofDays(6)));
    Map<Long, Instant> schedule = WavePolicy.named("default").schedule(T);
    assertEquals(expected, schedule);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(schedule.keySet()));
  }

  @Test
  void builtInPoliciesMatchTheShippedFiles() throws Exception {
    assertEquals(
        steps(
            "1 hour", 1, "4 hours", 5, "1 day", 15, "2 days", 40, "4 days", 60, "5 days", 90,
            "6 days", 100),
        WavePolicy.named("default"));
    assertEquals(
        steps("1 hour", 3, "4 hours", 12, "8 hours", 40, "16 hours", 80, "1 day", 100),
        WavePolicy.named("accelerated"));
    assertEquals(
        steps(
            "30 minutes",
            5,
            "60 minutes",
            25,
            "120 minutes",
            50,
            "150 minutes",
            90,
            "180 minutes",
            100),
        WavePolicy.named("ohno"));
    assertEquals(
        steps(
            "1 hour", 1, "1 day", 5, "3 days", 15, "7 days", 40, "9 days", 60, "12 days", 90,
            "13 days", 100),
        WavePolicy.named("slow-roll"));
  }

  @ParameterizedTest
  @CsvSource({
    "DEFAULT, default-waves.toml",
    "ACCELERATED, accelerated-waves.toml",
    "OHNO, ohno.toml",
    "SLOW_ROLL, slow-roll.toml"
  })
  void bundledPoliciesAreTheUpstreamFilesVerbatim(NamedWavePolicy policy, String file)
      throws Exception {
    assertEquals(Fixtures.text("bottlerocket/waves/" + file), policy.toml());
    assertEquals(
        WavePolicy.parse(Fixtures.text("bottlerocket/waves/" + file), file), policy.load());
  }

  @ParameterizedTest
  @EnumSource(NamedWavePolicy.class)
  void everyBuiltInPolicyIsOrderedAndEndsAt100(NamedWavePolicy policy) throws Exception {
    WavePolicy p = WavePolicy.named(policy.policyName());
    assertEquals(100, p.waves().get(p.waves().size() - 1).fleetPercentage());
    Instant previous = Instant.MIN;
    for (Instant t : p.schedule(T).values()) {
      assertTrue(previous.isBefore(t));
      previous = t;
    }
    assertEquals(p.waves().size(), p.schedule(T).size(), "the 100% end seed is never inserted");
  }

  @Test
  void acceleratedSeeds() throws Exception {
    assertEquals(
        List.of(0L, 61L, 245L, 819L, 1638L),
        List.copyOf(WavePolicy.named("accelerated").schedule(T).keySet()));
  }

  @ParameterizedTest
  @CsvSource({
    "1, 20",
    "3, 61",
    "5, 102",
    "12, 245",
    "15, 307",
    "25, 512",
    "33, 675",
    "40, 819",
    "50, 1024",
    "60, 1228",
    "80, 1638",
    "90, 1843",
    "99, 2027",
    "100, 2048"
  })
  void endSeedIsFloorOfSinglePrecisionPercentOf2048(int pct, long seed) {
    assertEquals(seed, new WavePolicy.Step(Duration.ZERO, pct).endSeed());
  }

  @Test
  void unknownPolicyNameFails() {
    ConfigException e = assertThrows(ConfigException.class, () -> WavePolicy.named("fast"));
    assertTrue(e.getMessage().contains("unknown wave policy 'fast'"), e.getMessage());
    assertTrue(e.getMessage().contains("[default, accelerated, ohno, slow-roll]"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"0", "101", "4294967295"})
  void fleetPercentageOutsideOneToHundredFails(long pct) {
    String toml =
        "[[waves]]\nstart_after = '1 hour'\nfleet_percentage = 1\n\n"
            + "[[waves]]\nstart_after = '2 hours'\nfleet_percentage = "
            + pct
            + "\n";
    ConfigException e = assertThrows(ConfigException.class, () -> WavePolicy.parse(toml, "w.toml"));
    assertEquals("waves[1].fleet_percentage", e.key());
    assertTrue(
        e.getMessage().contains("`fleet_percentage` must be a value between 1 - 100"),
        e.getMessage());
  }

  static Stream<Arguments> badPolicies() {
    return Stream.of(
        arguments("[[waves]]\nstart_after = 'soon'\nfleet_percentage = 5", "waves[0].start_after"),
        arguments("[[waves]]\nstart_after = 2\nfleet_percentage = 5", "waves[0].start_after"),
        arguments("[[waves]]\nfleet_percentage = 5", "waves[0].start_after"),
        arguments("[[waves]]\nstart_after = '1 hour'", "waves[0].fleet_percentage"),
        arguments(
            "[[waves]]\nstart_after = '1 hour'\nfleet_percentage = -1",
            "waves[0].fleet_percentage"),
        arguments(
            "[[waves]]\nstart_after = '1 hour'\nfleet_percentage = 5.5",
            "waves[0].fleet_percentage"),
        arguments("waves = 3", "waves"),
        arguments("waves = [1]", "waves[0]"),
        arguments("wave = []", "waves"),
        arguments("[[waves]\n", ""));
  }

  @ParameterizedTest
  @MethodSource("badPolicies")
  void policyErrorsNameTheKey(String toml, String key) {
    ConfigException e = assertThrows(ConfigException.class, () -> WavePolicy.parse(toml, "w.toml"));
    assertEquals(key, e.key(), e.getMessage());
    assertEquals("w.toml", e.source());
  }

  @Test
  void badOffsetKeepsTheOffsetErrorAsCause() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                WavePolicy.parse(
                    "[[waves]]\nstart_after = '1 month'\nfleet_percentage = 5\n", "w"));
    assertInstanceOf(OffsetFormatException.class, e.getCause());
  }

  @Test
  void updogTestPolicyParses() throws Exception {
    WavePolicy p =
        WavePolicy.parse(
            Fixtures.text("bottlerocket/updog-tests/default_waves.toml"), "default_waves.toml");
    assertEquals(steps("12 hours", 1, "1 day", 10, "3 days", 25, "6 days", 100), p);
  }

  @Test
  void equalEndSeedsReplaceEarlierEntriesAsTheOriginalsMapInsert() {
    WavePolicy p =
        new WavePolicy(
            List.of(
                new WavePolicy.Step(Duration.ofHours(1), 1),
                new WavePolicy.Step(Duration.ofHours(2), 1),
                new WavePolicy.Step(Duration.ofHours(3), 100)));
    assertEquals(
        Map.of(0L, T.plus(Duration.ofHours(1)), 20L, T.plus(Duration.ofHours(3))), p.schedule(T));
  }

  @Test
  void emptyPolicyGivesNoWaves() throws Exception {
    assertTrue(WavePolicy.parse("waves = []\n", "w").schedule(T).isEmpty());
  }

  @Test
  void stepRejectsBadPercentagesProgrammatically() {
    assertThrows(IllegalArgumentException.class, () -> new WavePolicy.Step(Duration.ZERO, 0));
    assertThrows(IllegalArgumentException.class, () -> new WavePolicy.Step(Duration.ZERO, 101));
  }

  private static WavePolicy steps(Object... pairs) throws OffsetFormatException {
    List<WavePolicy.Step> steps = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      steps.add(new WavePolicy.Step(TimeOffset.parse((String) pairs[i]), (Integer) pairs[i + 1]));
    }
    return new WavePolicy(steps);
  }
}
