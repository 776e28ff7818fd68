package dev.keel.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the migrations between two OS versions ({@code find_migrations}, §2.5). Pure.
 *
 * <p>The chain is always computed upwards from the lower version {@code lo} to the higher {@code
 * hi}: from {@code v = lo}, among the hops {@code (f, t)} with {@code f} equal to {@code v} and
 * {@code t <= hi}, take the one with the highest {@code t} (greedy longest hop), append its
 * migrations (possibly none) and continue from {@code t} until {@code v} is {@code hi}. Going down,
 * the same list is reversed and the direction is {@link Direction#BACKWARD}. Hence every version on
 * the way must appear as a {@code from}; released versions always have a Release.toml entry,
 * possibly with an empty list.
 *
 * <p>Off-spec hardening: a hop is only taken if {@code t} is above {@code v}. The original also
 * accepts a hop to an equal or lower version, and then loops forever on such a table (for example a
 * key {@code (1.0.0, 1.0.0)}); here that table ends the chain with the usual error.
 */
public final class MigrationPlanner {
  private MigrationPlanner() {}

  /**
   * Plans the migrations from {@code from} to {@code to} with the manifest's table.
   *
   * @throws MigrationChainException "Reached end of migration chain at {v} but target is {hi}"
   */
  public static MigrationPlan findMigrations(SemVer from, SemVer to, Manifest manifest)
      throws MigrationChainException {
    return findMigrations(from, to, manifest.migrations());
  }

  /**
   * Plans the migrations from {@code from} to {@code to} with {@code migrations}.
   *
   * @throws MigrationChainException "Reached end of migration chain at {v} but target is {hi}"
   */
  public static MigrationPlan findMigrations(
      SemVer from, SemVer to, Map<MigrationKey, List<String>> migrations)
      throws MigrationChainException {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.equals(to)) {
      return new MigrationPlan(Direction.FORWARD, List.of());
    }
    boolean backward = from.isAfter(to);
    SemVer lo = backward ? to : from;
    SemVer hi = backward ? from : to;
    List<String> names = new ArrayList<>();
    SemVer v = lo;
    while (!v.equals(hi)) {
      MigrationKey best = null;
      for (MigrationKey key : migrations.keySet()) {
        if (key.from().equals(v)
            && key.to().isAfter(v)
            && key.to().compareTo(hi) <= 0
            && (best == null || key.to().isAfter(best.to()))) {
          best = key;
        }
      }
      if (best == null) {
        throw new MigrationChainException(v, hi);
      }
      names.addAll(migrations.get(best));
      v = best.to();
    }
    if (backward) {
      Collections.reverse(names);
    }
    return new MigrationPlan(backward ? Direction.BACKWARD : Direction.FORWARD, names);
  }
}
