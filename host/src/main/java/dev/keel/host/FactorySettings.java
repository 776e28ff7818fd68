package dev.keel.host;

import dev.keel.datastore.Committed;
import dev.keel.datastore.DatastoreException;
import dev.keel.datastore.FilesystemDatastore;
import dev.keel.datastore.Key;
import dev.keel.manifest.SemVer;
import dev.keel.manifest.VersionFormatException;
import dev.keel.migrator.HostPaths;
import dev.keel.migrator.datastore.DatastoreLinks;
import dev.keel.migrator.datastore.DatastoreNames;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The settings datastore a new host starts with, as storewolf writes it on a real host's first
 * boot: a versioned datastore of the release (the migrator's {@link DatastoreLinks#create}) holding
 * a few of a variant's defaults, so that there is something to read, change and migrate.
 */
final class FactorySettings {
  /** Keys to JSON values. */
  static final Map<String, String> DEFAULTS =
      Map.of(
          "settings.motd", "\"Welcome to Bottlerocket!\"",
          "settings.ntp.time-servers", "[\"169.254.169.123\",\"2.amazon.pool.ntp.org\"]",
          "settings.host-containers.admin.enabled", "false",
          "settings.updates.ignore-waves", "false");

  private FactorySettings() {}

  /**
   * Creates {@code DIR/var/lib/bottlerocket/datastore/current} for {@code version} with {@link
   * #DEFAULTS}.
   */
  static Path initialise(HostDir host, String version, RandomGenerator random)
      throws IOException, HostSetupException {
    Path current = HostPaths.under(host.dir()).datastore();
    try {
      Path created =
          new DatastoreLinks(current.getParent(), new AtomicFiles())
              .create(SemVer.parse(version), new DatastoreNames(random));
      FilesystemDatastore store = FilesystemDatastore.at(created);
      for (Map.Entry<String, String> e : DEFAULTS.entrySet()) {
        store.set(Key.parse(e.getKey()), e.getValue(), Committed.LIVE);
      }
      return created;
    } catch (StorageException | DatastoreException | VersionFormatException e) {
      throw new HostSetupException("creating the datastore " + current + ": " + e.getMessage(), e);
    }
  }
}
