package dev.keel.updog;

import dev.keel.manifest.MalformedManifestException;
import dev.keel.manifest.Manifest;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.client.VerificationIOException;
import dev.keel.tuf.client.VerifyingInputStream;
import dev.keel.tuf.error.InvalidTargetPathException;
import dev.keel.tuf.error.LengthOrHashMismatchException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.MetadataPaths;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.repo.ExistingRepository;
import dev.keel.tuf.storage.FileSink;
import dev.keel.tuf.transport.DownloadIOException;
import dev.keel.tuf.transport.FetchResult;
import dev.keel.tuf.transport.Transport;
import dev.keel.updog.error.HostFileException;
import dev.keel.updog.error.ManifestUnusableException;
import dev.keel.updog.error.RepositoryFailureException;
import dev.keel.updog.error.TargetNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The update repository as updog sees it (section 3.4): a TUF client whose trusted metadata lives
 * in {@link HostPaths#tufState()} between runs, bootstrapped from the shipped root, refreshed once;
 * then {@code manifest.json}, read as a verified target.
 */
final class UpdateRepository {
  static final String MANIFEST = "manifest.json";

  private final Updater updater;
  private final Transport transport;
  private final UpdaterConfig tufConfig;
  private final URI targetsBase;
  private final Manifest manifest;

  private UpdateRepository(
      Updater updater,
      Transport transport,
      UpdaterConfig tufConfig,
      URI targetsBase,
      Manifest manifest) {
    this.updater = updater;
    this.transport = transport;
    this.tufConfig = tufConfig;
    this.targetsBase = targetsBase;
    this.manifest = manifest;
  }

  /**
   * Refreshes the metadata and reads manifest.json.
   *
   * @throws RepositoryFailureException if the metadata cannot be loaded or trusted
   * @throws ManifestUnusableException if manifest.json is missing or malformed
   */
  static UpdateRepository load(
      UpdogConfig config, HostPaths paths, Transport transport, Clock clock, FileSink sink)
      throws HostFileException, RepositoryFailureException, ManifestUnusableException {
    Path shipped = paths.shippedRoot();
    byte[] root;
    try {
      root = Files.readAllBytes(shipped);
    } catch (NoSuchFileException e) {
      throw new HostFileException(shipped, shipped + ": the trusted root is missing", e);
    } catch (IOException e) {
      throw new HostFileException(
          shipped, shipped + ": could not read the trusted root: " + e.getMessage(), e);
    }
    UpdaterConfig tufConfig =
        UpdaterConfig.of(config.metadataBaseUrl(), paths.tufState())
            .withBootstrapRoot(Bytes.copyOf(root));
    Updater updater = new Updater(tufConfig, transport, clock, sink);
    String where = "loading the update repository at " + tufConfig.metadataBase();
    try {
      Files.createDirectories(paths.tufState());
      updater.refresh();
    } catch (IOException e) {
      throw new HostFileException(paths.tufState(), paths.tufState() + ": " + e.getMessage(), e);
    } catch (TufException e) {
      throw new RepositoryFailureException(where, e);
    }
    Optional<TargetInfo> info = find(updater, MANIFEST, where);
    if (info.isEmpty()) {
      throw new ManifestUnusableException(
          "Manifest not found in repository " + tufConfig.metadataBase(), null);
    }
    byte[] bytes;
    try (InputStream in = updater.openTarget(info.get(), config.targetsBaseUrl())) {
      bytes = in.readAllBytes();
    } catch (TufException e) {
      throw new RepositoryFailureException("reading " + MANIFEST, e);
    } catch (IOException e) {
      throw new RepositoryFailureException("reading " + MANIFEST, typed(e, MANIFEST));
    }
    try {
      return new UpdateRepository(
          updater, transport, tufConfig, config.targetsBaseUrl(), Manifest.parse(bytes, MANIFEST));
    } catch (MalformedManifestException e) {
      throw new ManifestUnusableException(e.getMessage(), e);
    }
  }

  private static Optional<TargetInfo> find(Updater updater, String name, String where)
      throws RepositoryFailureException {
    try {
      return updater.findTarget(TargetPath.of(name));
    } catch (InvalidTargetPathException e) {
      return Optional.empty();
    } catch (TufException e) {
      throw new RepositoryFailureException(where, e);
    }
  }

  Manifest manifest() {
    return manifest;
  }

  /** A signed target by name; empty if the repository does not sign it. */
  Optional<TargetInfo> findTarget(String name) throws RepositoryFailureException {
    return find(updater, name, "looking up target " + name);
  }

  /** A signed target by name. */
  TargetInfo target(String name) throws RepositoryFailureException, TargetNotFoundException {
    return findTarget(name).orElseThrow(() -> new TargetNotFoundException(name));
  }

  /**
   * A target's bytes, verified at end of stream, the transport's body wrapped in {@code receive}.
   */
  VerifyingInputStream open(TargetInfo target, UnaryOperator<InputStream> receive)
      throws TufException {
    return updater.openTarget(target, targetsBase, receive);
  }

  /**
   * Caches {@code names} (migrations and manifest.json) and the metadata that signs them for the
   * migrator, which runs at boot, possibly offline (section 3.6): targets into {@code
   * migrationsDir} as {@code <sha256>.<name>} under consistent snapshots, each downloaded verified
   * and replaced atomically (kept when already there); then into {@code metadataDir} every {@code
   * N.root.json} from 1 to the trusted version, the versioned targets roles and snapshot, and
   * {@code timestamp.json} last, each as the exact bytes trusted.
   */
  void cacheForMigrator(List<String> names, Path migrationsDir, Path metadataDir, FileSink sink)
      throws RepositoryFailureException, TargetNotFoundException, HostFileException {
    try {
      Files.createDirectories(migrationsDir);
      Files.createDirectories(metadataDir);
    } catch (IOException e) {
      throw new HostFileException(
          migrationsDir, "could not create " + migrationsDir + ": " + e.getMessage(), e);
    }
    try {
      ExistingRepository repo = updater.loadRepository();
      boolean consistent = repo.root().signed().consistentSnapshot();
      for (String name : names) {
        TargetInfo info = target(name);
        String file =
            MetadataPaths.target(
                info.path().resolved(), info.file().hashes().get("sha256"), consistent);
        if (file.contains("/")) {
          throw new TargetNotFoundException(name + " (a migration name must not contain '/')");
        }
        updater.downloadTarget(info, targetsBase, migrationsDir.resolve(file), sink);
      }
      long rootVersion = repo.root().signed().version();
      // rootFiles holds consecutive versions ending at the trusted one: the root this run started
      // from, then each rotation it followed.
      List<Bytes> chain = repo.rootFiles();
      long firstKnown = rootVersion - chain.size() + 1;
      for (long v = 1; v <= rootVersion; v++) {
        Path file = metadataDir.resolve(MetadataPaths.root(v));
        if (v >= firstKnown) {
          sink.write(file, chain.get((int) (v - firstKnown)).toByteArray());
        } else if (!Files.exists(file)) {
          sink.write(file, fetchRoot(v));
        }
      }
      for (Map.Entry<String, ExistingRepository.LoadedRole> role : repo.targetsRoles().entrySet()) {
        long version = role.getValue().envelope().signed().version();
        sink.write(
            metadataDir.resolve(MetadataPaths.role(role.getKey(), version, consistent)),
            role.getValue().fileBytes().toByteArray());
      }
      sink.write(
          metadataDir.resolve(
              MetadataPaths.role("snapshot", repo.snapshot().signed().version(), consistent)),
          repo.snapshotFile().toByteArray());
      sink.write(
          metadataDir.resolve(MetadataPaths.timestamp()), repo.timestampFile().toByteArray());
    } catch (TufException e) {
      throw new RepositoryFailureException("caching migrations for the migrator", e);
    }
  }

  /** The typed failure inside an exception thrown by a verified or transport stream. */
  private static TufException typed(IOException e, String what) {
    Optional<LengthOrHashMismatchException> mismatch = VerificationIOException.find(e);
    if (mismatch.isPresent()) {
      return mismatch.get();
    }
    return DownloadIOException.unwrap(e, URI.create("target:" + MetadataPaths.encodeSegment(what)));
  }

  /**
   * An older root this host never saw (it started from a later shipped root), fetched as the
   * original does; the migrator verifies the chain itself.
   */
  private byte[] fetchRoot(long version) throws TufException {
    URI url = tufConfig.metadataBase().resolve(MetadataPaths.root(version));
    FetchResult result = transport.fetch(url, tufConfig.limits().maxRootBytes());
    if (result instanceof FetchResult.Found found) {
      try (InputStream in = found.body()) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw typed(e, url.toString());
      }
    }
    throw new dev.keel.tuf.error.MissingMetadataException(
        MetadataPaths.root(version), url.toString());
  }
}
