package dev.keel.manifest;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the update a host should install (updog's {@code applicable_updates} and {@code
 * update_required}, §2.4). Pure: the time is a parameter and nothing is read or written.
 *
 * <p>An update is <em>applicable</em> when its variant and architecture are the host's, its {@code
 * version <= max_version}, and (unless waves are ignored) it {@linkplain Update#isReady is ready}
 * for the host's seed at {@code now}. Applicable updates are sorted by version, newest first (equal
 * versions keep manifest order).
 */
public final class UpdateSelector {
  private UpdateSelector() {}

  /** The applicable updates, newest first ({@code check-update --all}). */
  public static List<Update> applicableUpdates(
      Manifest manifest, Host host, WaveMode waveMode, Instant now) {
    Objects.requireNonNull(waveMode, "waveMode");
    Objects.requireNonNull(now, "now");
    return manifest.updates().stream()
        .filter(u -> u.variant().equals(host.variant()))
        .filter(u -> u.arch().equals(host.arch()))
        .filter(u -> u.version().compareTo(u.maxVersion()) <= 0)
        .filter(u -> waveMode == WaveMode.IGNORE_WAVES || u.isReady(host.seed(), now))
        .sorted(Comparator.comparing(Update::version).reversed())
        .toList();
  }

  /**
   * The update to install, if any:
   *
   * <ol>
   *   <li>{@code forceVersion} given ({@code --image}): the applicable update with exactly that
   *       version, even a downgrade or the running version;
   *   <li>{@link VersionLock.Exact} lock: nothing if it names the running version (never update to
   *       the same version), else the applicable update with exactly that version;
   *   <li>{@link VersionLock.Latest}: the newest applicable update that is newer than the running
   *       version, or any applicable update at all when the running version is above that update's
   *       {@code max_version} (the "regret" rule that rolls hosts back from a pulled release).
   * </ol>
   */
  public static Optional<Update> select(
      Manifest manifest,
      Host host,
      VersionLock lock,
      Optional<SemVer> forceVersion,
      WaveMode waveMode,
      Instant now) {
    Objects.requireNonNull(lock, "lock");
    List<Update> updates = applicableUpdates(manifest, host, waveMode, now);
    if (forceVersion.isPresent()) {
      SemVer forced = forceVersion.get();
      return updates.stream().filter(u -> u.version().equals(forced)).findFirst();
    }
    if (lock instanceof VersionLock.Exact exact) {
      if (exact.version().equals(host.version())) {
        return Optional.empty();
      }
      return updates.stream().filter(u -> u.version().equals(exact.version())).findFirst();
    }
    SemVer current = host.version();
    return updates.stream()
        .filter(u -> current.isBefore(u.version()) || current.isAfter(u.maxVersion()))
        .findFirst();
  }
}
