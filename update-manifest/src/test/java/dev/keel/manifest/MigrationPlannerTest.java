package dev.keel.manifest;

import static dev.keel.manifest.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationPlannerTest {

  private static Manifest migrations() throws MalformedManifestException {
    return Fixtures.manifest("bottlerocket/update-metadata-tests/migrations.json");
  }

  static Stream<Arguments> plans() {
    return Stream.of(
        Arguments.of(
            "1.0.0",
            "1.5.0",
            Direction.FORWARD,
            List.of("migration_1.1.0_a", "migration_1.1.0_b", "migration_1.5.0_shortcut")),
        Arguments.of(
            "1.5.0",
            "1.0.0",
            Direction.BACKWARD,
            List.of("migration_1.5.0_shortcut", "migration_1.1.0_b", "migration_1.1.0_a")),
        Arguments.of("1.1.0", "1.2.0", Direction.FORWARD, List.of("migration_1.2.0_skip")),
        Arguments.of("1.2.0", "1.1.0", Direction.BACKWARD, List.of("migration_1.2.0_skip")),
        Arguments.of(
            "1.0.0",
            "1.2.0",
            Direction.FORWARD,
            List.of("migration_1.1.0_a", "migration_1.1.0_b", "migration_1.2.0_skip")),
        Arguments.of("1.2.0", "1.5.0", Direction.FORWARD, List.of("migration_1.5.0_skip")),
        Arguments.of("1.1.0", "1.5.0", Direction.FORWARD, List.of("migration_1.5.0_shortcut")),
        Arguments.of("1.5.0", "1.5.0", Direction.FORWARD, List.of()));
  }

  @ParameterizedTest
  @MethodSource("plans")
  void plansGreedyLongestHops(String from, String to, Direction direction, List<String> names)
      throws Exception {
    assertEquals(
        new MigrationPlan(direction, names),
        MigrationPlanner.findMigrations(v(from), v(to), migrations()));
  }

  @Test
  void stopsWhenNoHopStaysAtOrBelowTheTarget() {
    MigrationChainException e =
        assertThrows(
            MigrationChainException.class,
            () -> MigrationPlanner.findMigrations(v("1.0.0"), v("1.3.0"), migrations()));
    assertEquals("Reached end of migration chain at 1.2.0 but target is 1.3.0", e.getMessage());
    assertEquals(v("1.2.0"), e.reached());
    assertEquals(v("1.3.0"), e.target());
  }

  @Test
  void theLowerVersionMustBeAFromKeyEvenGoingDown() {
    MigrationChainException e =
        assertThrows(
            MigrationChainException.class,
            () -> MigrationPlanner.findMigrations(v("1.5.0"), v("0.9.0"), migrations()));
    assertEquals("Reached end of migration chain at 0.9.0 but target is 1.5.0", e.getMessage());
  }

  @Test
  void emptyHopsAreWalkedThrough() throws Exception {
    ReleaseConfig release =
        ReleaseConfig.parse(Fixtures.text("bottlerocket/release/Release.toml"), "Release.toml");
    assertEquals(
        new MigrationPlan(Direction.FORWARD, List.of("migrate_v0.3.2_admin-container-v0-5-0.lz4")),
        MigrationPlanner.findMigrations(v("0.3.1"), v("0.4.0"), release.migrations()));
    assertEquals(
        new MigrationPlan(Direction.BACKWARD, List.of()),
        MigrationPlanner.findMigrations(v("1.26.1"), v("1.25.0"), release.migrations()));
  }

  @Test
  void wholeRealReleaseHistoryChainsBothWays() throws Exception {
    ReleaseConfig release =
        ReleaseConfig.parse(Fixtures.text("bottlerocket/release/Release.toml"), "Release.toml");
    MigrationPlan up =
        MigrationPlanner.findMigrations(v("0.3.1"), v("1.26.1"), release.migrations());
    MigrationPlan down =
        MigrationPlanner.findMigrations(v("1.26.1"), v("0.3.1"), release.migrations());
    int total = release.migrations().values().stream().mapToInt(List::size).sum();
    assertEquals(total, up.names().size(), "a linear history uses every hop once");
    assertEquals("migrate_v0.3.2_admin-container-v0-5-0.lz4", up.names().get(0));
    assertEquals(Direction.BACKWARD, down.direction());
    assertEquals(up.names(), reversed(down.names()));
  }

  @Test
  void hopsThatDoNotMoveUpAreNeverTaken() {
    // The original would loop forever on these tables.
    Map<MigrationKey, List<String>> selfLoop =
        Map.of(new MigrationKey(v("1.0.0"), v("1.0.0")), List.of("x"));
    Map<MigrationKey, List<String>> backLoop =
        Map.of(
            new MigrationKey(v("1.0.0"), v("1.1.0")), List.of("up"),
            new MigrationKey(v("1.1.0"), v("1.0.0")), List.of("down"));
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertThrows(
              MigrationChainException.class,
              () -> MigrationPlanner.findMigrations(v("1.0.0"), v("2.0.0"), selfLoop));
          MigrationChainException e =
              assertThrows(
                  MigrationChainException.class,
                  () -> MigrationPlanner.findMigrations(v("1.0.0"), v("1.2.0"), backLoop));
          assertEquals(v("1.1.0"), e.reached());
        });
  }

  private static List<String> reversed(List<String> names) {
    List<String> copy = new ArrayList<>(names);
    Collections.reverse(copy);
    return copy;
  }
}
