package dev.keel.manifest;

import java.util.List;
import java.util.Objects;

/**
 * The migrations to run, in order, and the direction to run them in. Empty names with {@link
 * Direction#FORWARD} when there is nothing to do.
 */
public record MigrationPlan(Direction direction, List<String> names) {
  public MigrationPlan {
    Objects.requireNonNull(direction, "direction");
    names = List.copyOf(names);
  }
}
