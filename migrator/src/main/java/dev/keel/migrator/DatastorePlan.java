package dev.keel.migrator;

import dev.keel.manifest.Direction;
import dev.keel.manifest.Manifest;
import dev.keel.manifest.MigrationChainException;
import dev.keel.manifest.MigrationPlan;
import dev.keel.manifest.MigrationPlanner;
import dev.keel.manifest.SemVer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one boot does to the datastore (§5.4 steps 2 and 4): the direction from the version the
 * datastore has to the version that booted, and the migrations to run in that order, from the
 * manifest's table by {@link MigrationPlanner}. No migrations means the links alone move. Pure.
 */
public record DatastorePlan(SemVer from, SemVer to, Direction direction, List<String> migrations) {
  public DatastorePlan {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(direction, "direction");
    migrations = List.copyOf(migrations);
    if (from.equals(to)) {
      throw new IllegalArgumentException("no plan is needed from " + from + " to itself");
    }
  }

  /** Step 2: forward up, backward down, empty when the datastore already has the booted version. */
  public static Optional<Direction> direction(SemVer from, SemVer to) {
    int c = from.compareTo(to);
    return c == 0 ? Optional.empty() : Optional.of(c < 0 ? Direction.FORWARD : Direction.BACKWARD);
  }

  /**
   * Steps 2 and 4.
   *
   * @throws MigrationChainException if the manifest has no chain of hops between the versions
   */
  public static DatastorePlan of(SemVer from, SemVer to, Manifest manifest)
      throws MigrationChainException {
    MigrationPlan plan = MigrationPlanner.findMigrations(from, to, manifest);
    return new DatastorePlan(from, to, plan.direction(), plan.names());
  }

  /** Step 5: nothing to run, only the links move to the existing datastore. */
  public boolean linksOnly() {
    return migrations.isEmpty();
  }

  /** The flag every migration of this plan gets. */
  public String flag() {
    return direction == Direction.FORWARD ? "--forward" : "--backward";
  }
}
