package dev.keel.manifest;

import java.util.Objects;

/**
 * No migration path: walking up from the lower version, the manifest has no hop out of {@link
 * #reached()} that stays at or below {@link #target()}.
 */
public final class MigrationChainException extends ManifestException {
  private final SemVer reached;
  private final SemVer target;

  public MigrationChainException(SemVer reached, SemVer target) {
    super("Reached end of migration chain at " + reached + " but target is " + target);
    this.reached = Objects.requireNonNull(reached);
    this.target = Objects.requireNonNull(target);
  }

  public SemVer reached() {
    return reached;
  }

  public SemVer target() {
    return target;
  }
}
