package dev.keel.host;

import java.nio.file.Path;

/**
 * The layout of a simulated host directory: every path a host tool reads under {@code --root DIR},
 * plus the OS disk image.
 *
 * <pre>
 * DIR/disk.img                               sparse GPT disk, the Bottlerocket layout (13 partitions)
 * DIR/etc/updog.toml                         updog's configuration
 * DIR/etc/os-release -> ../usr/lib/os-release
 * DIR/usr/share/updog/root.json              the trusted TUF root shipped in the image
 * DIR/usr/lib/os-release                     the booted version's os-release (written at boot)
 * DIR/proc/cmdline                           the kernel command line GRUB passed (written at boot)
 * DIR/var/lib/bottlerocket/datastore/        the settings datastore (the migrator's)
 * DIR/var/cache/bottlerocket-metadata/       TUF metadata cached for the migrator
 * DIR/var/lib/bottlerocket-migrations/       cached migrations and manifest.json (mode 0700)
 * </pre>
 */
public record HostDir(Path dir) {
  public Path disk() {
    return dir.resolve("disk.img");
  }

  public Path updogToml() {
    return dir.resolve("etc/updog.toml");
  }

  public Path etcOsRelease() {
    return dir.resolve("etc/os-release");
  }

  public Path trustedRoot() {
    return dir.resolve("usr/share/updog/root.json");
  }

  public Path osRelease() {
    return dir.resolve("usr/lib/os-release");
  }

  public Path cmdline() {
    return dir.resolve("proc/cmdline");
  }

  public Path datastore() {
    return dir.resolve("var/lib/bottlerocket/datastore");
  }

  public Path metadataCache() {
    return dir.resolve("var/cache/bottlerocket-metadata");
  }

  public Path migrations() {
    return dir.resolve("var/lib/bottlerocket-migrations");
  }
}
