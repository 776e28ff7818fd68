package dev.keel.migrator;

import java.nio.file.Path;

/**
 * Where a host keeps what the migrator reads (§1 of the update-system spec). {@link #under(Path)}
 * puts them all below a prefix, for a simulated host in a directory.
 *
 * @param datastore the {@code current} link of the datastore
 * @param migrations cached migration targets and manifest.json, named {@code <sha256>.<name>}
 * @param metadata cached TUF metadata, including every {@code N.root.json}
 * @param trustedRoot the root.json shipped in the booted image
 * @param osRelease the booted image's os-release
 */
public record HostPaths(
    Path datastore, Path migrations, Path metadata, Path trustedRoot, Path osRelease) {
  public static final String DATASTORE = "var/lib/bottlerocket/datastore/current";
  public static final String MIGRATIONS = "var/lib/bottlerocket-migrations";
  public static final String METADATA = "var/cache/bottlerocket-metadata";
  public static final String TRUSTED_ROOT = "usr/share/updog/root.json";
  public static final String OS_RELEASE = "usr/lib/os-release";

  public static HostPaths under(Path root) {
    return new HostPaths(
        root.resolve(DATASTORE),
        root.resolve(MIGRATIONS),
        root.resolve(METADATA),
        root.resolve(TRUSTED_ROOT),
        root.resolve(OS_RELEASE));
  }
}
