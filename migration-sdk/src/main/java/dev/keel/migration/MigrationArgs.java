package dev.keel.migration;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the migrator passes to every migration: {@code --forward|--backward --source-datastore S
 * --target-datastore T}.
 */
public record MigrationArgs(Direction direction, Path source, Path target) {
  public MigrationArgs {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }
}
