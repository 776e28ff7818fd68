package dev.keel.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpirationPolicyTest {

  @Test
  void defaultIsTwoWeeksTwoWeeksOneWeek() {
    assertEquals(
        new ExpirationPolicy(Duration.ofDays(14), Duration.ofDays(14), Duration.ofDays(7)),
        ExpirationPolicy.defaultPolicy());
  }

  @Test
  void defaultEqualsTheUpstreamFile() throws Exception {
    assertEquals(
        ExpirationPolicy.defaultPolicy(),
        ExpirationPolicy.parse(
            Fixtures.text("bottlerocket/release/repo-expiration-2w-2w-1w.toml"), "2w-2w-1w.toml"));
  }

  @Test
  void expiriesAreOffsetsFromSigningTime() {
    Instant t = Instant.parse("2024-03-01T00:00:00Z");
    ExpirationPolicy p = ExpirationPolicy.defaultPolicy();
    assertEquals(Instant.parse("2024-03-15T00:00:00Z"), p.snapshotExpires(t));
    assertEquals(Instant.parse("2024-03-15T00:00:00Z"), p.targetsExpires(t));
    assertEquals(Instant.parse("2024-03-08T00:00:00Z"), p.timestampExpires(t));
  }

  @Test
  void customPolicyParses() throws Exception {
    ExpirationPolicy p =
        ExpirationPolicy.parse(
            "snapshot_expiration = '3 days'\n"
                + "targets_expiration = 'in 4 weeks'\ntimestamp_expiration = '6 hours'\n",
            "custom");
    assertEquals(
        new ExpirationPolicy(Duration.ofDays(3), Duration.ofDays(28), Duration.ofHours(6)), p);
  }

  static Stream<Arguments> badPolicies() {
    return Stream.of(
        arguments(
            "targets_expiration = '1 week'\ntimestamp_expiration = '1 week'",
            "snapshot_expiration"),
        arguments(
            "snapshot_expiration = '1 week'\ntimestamp_expiration = '1 week'",
            "targets_expiration"),
        arguments(
            "snapshot_expiration = '1 week'\ntargets_expiration = '1 week'\n"
                + "timestamp_expiration = '1 fortnight'",
            "timestamp_expiration"),
        arguments(
            "snapshot_expiration = 7\ntargets_expiration = '1 week'\n"
                + "timestamp_expiration = '1 week'",
            "snapshot_expiration"));
  }

  @ParameterizedTest
  @MethodSource("badPolicies")
  void errorsNameTheKey(String toml, String key) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ExpirationPolicy.parse(toml, "p.toml"));
    assertEquals(key, e.key(), e.getMessage());
  }
}
