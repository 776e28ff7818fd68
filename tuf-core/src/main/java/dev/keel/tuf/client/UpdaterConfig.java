package dev.keel.tuf.client;

import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.trust.ExpirationPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where an {@link Updater} reads and keeps metadata, and how strict it is.
 *
 * @param metadataBase URL of the metadata directory (a trailing {@code /} is added if missing)
 * @param metadataDir the local metadata directory that persists trusted metadata between runs
 * @param bootstrapRoot a shipped root used when {@code metadataDir} has none yet (updog's {@code
 *     /usr/share/updog/root.json}); empty to require {@code metadataDir/root.json}
 * @param clockRollbackTolerance how far the clock may read before the latest known time of an
 *     earlier run without failing with {@link dev.keel.tuf.error.ClockRollbackException}: room for
 *     ordinary clock noise (coarse clocks, NTP slews, sub-second differences), far below any
 *     metadata lifetime; see {@link #DEFAULT_CLOCK_ROLLBACK_TOLERANCE} and ADR 0005
 */
public record UpdaterConfig(
    URI metadataBase,
    Path metadataDir,
    Limits limits,
    ExpirationPolicy expiration,
    Optional<Bytes> bootstrapRoot,
    Duration clockRollbackTolerance) {

  /**
   * Five minutes: orders of magnitude above the clock noise seen between two ordinary runs (a
   * fraction of a second to a few seconds), and orders of magnitude below the shortest metadata
   * lifetime a repository uses (a timestamp role is signed for days), so it gives a freeze attack
   * nothing it could use.
   */
  public static final Duration DEFAULT_CLOCK_ROLLBACK_TOLERANCE = Duration.ofMinutes(5);

  public UpdaterConfig {
    metadataBase = withSlash(metadataBase);
    if (clockRollbackTolerance.isNegative()) {
      throw new IllegalArgumentException(
          "clock rollback tolerance must not be negative: " + clockRollbackTolerance);
    }
  }

  public static UpdaterConfig of(URI metadataBase, Path metadataDir) {
    return new UpdaterConfig(
        metadataBase,
        metadataDir,
        Limits.defaults(),
        ExpirationPolicy.ENFORCE,
        Optional.empty(),
        DEFAULT_CLOCK_ROLLBACK_TOLERANCE);
  }

  public UpdaterConfig withExpiration(ExpirationPolicy policy) {
    return new UpdaterConfig(
        metadataBase, metadataDir, limits, policy, bootstrapRoot, clockRollbackTolerance);
  }

  public UpdaterConfig withLimits(Limits newLimits) {
    return new UpdaterConfig(
        metadataBase, metadataDir, newLimits, expiration, bootstrapRoot, clockRollbackTolerance);
  }

  public UpdaterConfig withBootstrapRoot(Bytes root) {
    return new UpdaterConfig(
        metadataBase, metadataDir, limits, expiration, Optional.of(root), clockRollbackTolerance);
  }

  public UpdaterConfig withClockRollbackTolerance(Duration tolerance) {
    return new UpdaterConfig(
        metadataBase, metadataDir, limits, expiration, bootstrapRoot, tolerance);
  }

  /** {@code uri} with a trailing {@code /}, so relative file names resolve below it. */
  public static URI withSlash(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? uri : URI.create(s + "/");
  }
}
