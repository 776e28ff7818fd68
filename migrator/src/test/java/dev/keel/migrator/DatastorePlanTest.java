package dev.keel.migrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.manifest.Direction;
import dev.keel.manifest.Manifest;
import dev.keel.manifest.MigrationChainException;
import dev.keel.manifest.SemVer;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatastorePlanTest {
  private static Manifest fixture() throws Exception {
    try (InputStream in = DatastorePlanTest.class.getResourceAsStream("/migrations.json")) {
      return Manifest.parse(in.readAllBytes(), "migrations.json");
    }
  }

  private static SemVer v(String s) throws Exception {
    return SemVer.parse(s);
  }

  @Test
  void directionComesFromTheVersionsAlone() throws Exception {
    assertEquals(Optional.of(Direction.FORWARD), DatastorePlan.direction(v("1.0.0"), v("1.5.0")));
    assertEquals(Optional.of(Direction.BACKWARD), DatastorePlan.direction(v("1.5.0"), v("1.0.0")));
    assertEquals(Optional.empty(), DatastorePlan.direction(v("1.5.0"), v("1.5.0")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DatastorePlan(v("1.0.0"), v("1.0.0"), Direction.FORWARD, List.of()));
  }

  @Test
  void forwardTakesTheShortcutAndBackwardRunsTheSameListReversed() throws Exception {
    DatastorePlan up = DatastorePlan.of(v("1.0.0"), v("1.5.0"), fixture());
    assertEquals(
        new DatastorePlan(
            v("1.0.0"),
            v("1.5.0"),
            Direction.FORWARD,
            List.of("migration_1.1.0_a", "migration_1.1.0_b", "migration_1.5.0_shortcut")),
        up);
    assertEquals("--forward", up.flag());
    DatastorePlan down = DatastorePlan.of(v("1.5.0"), v("1.0.0"), fixture());
    assertEquals(
        List.of("migration_1.5.0_shortcut", "migration_1.1.0_b", "migration_1.1.0_a"),
        down.migrations());
    assertEquals("--backward", down.flag());
    assertEquals(
        List.of("migration_1.2.0_skip"),
        DatastorePlan.of(v("1.1.0"), v("1.2.0"), fixture()).migrations());
  }

  @Test
  void aHopWithNoMigrationsIsLinksOnly() throws Exception {
    Manifest m =
        fixture()
            .withMigrations(
                java.util.Map.of(
                    dev.keel.manifest.MigrationKey.parse("(1.0.0, 1.0.1)"), List.of()));
    assertTrue(DatastorePlan.of(v("1.0.0"), v("1.0.1"), m).linksOnly());
    assertTrue(DatastorePlan.of(v("1.0.1"), v("1.0.0"), m).linksOnly());
  }

  @Test
  void aVersionOffTheChainIsAnError() {
    assertThrows(
        MigrationChainException.class, () -> DatastorePlan.of(v("1.0.0"), v("1.3.0"), fixture()));
  }
}
