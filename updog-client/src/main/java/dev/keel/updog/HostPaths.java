package dev.keel.updog;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where updog finds the host's files, below {@code root} ({@code /} on a real host, a host
 * directory in tests and the demo; {@code --root}); {@code disk} overrides the OS disk found from
 * the booted partition ({@code --disk}).
 */
public record HostPaths(Path root, Optional<Path> disk) {
  public HostPaths {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(disk, "disk");
  }

  public static HostPaths of(Path root) {
    return new HostPaths(root, Optional.empty());
  }

  private Path under(String absolute) {
    return root.resolve(absolute.substring(1));
  }

  /** {@code /etc/updog.toml}. */
  public Path updogToml() {
    return under("/etc/updog.toml");
  }

  /** {@code /usr/lib/os-release}. */
  public Path osRelease() {
    return under("/usr/lib/os-release");
  }

  /** {@code /usr/share/updog/root.json}: the root shipped with the running image. */
  public Path shippedRoot() {
    return under("/usr/share/updog/root.json");
  }

  /**
   * {@code /var/lib/updog}: the TUF client's trusted metadata, kept between runs (Part A, 2). Not
   * {@link #migratorMetadata()}, which is a copy for the migrator.
   */
  public Path tufState() {
    return under("/var/lib/updog");
  }

  /** {@code /var/cache/bottlerocket-metadata}: metadata cached for the migrator (section 3.6). */
  public Path migratorMetadata() {
    return under("/var/cache/bottlerocket-metadata");
  }

  /** {@code /var/lib/bottlerocket-migrations}: migrations and manifest.json for the migrator. */
  public Path migrations() {
    return under("/var/lib/bottlerocket-migrations");
  }

  /** {@code /run/lock/updog.lock}. */
  public Path lockFile() {
    return under("/run/lock/updog.lock");
  }
}
