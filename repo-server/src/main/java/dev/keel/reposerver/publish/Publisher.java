package dev.keel.reposerver.publish;

import dev.keel.manifest.ExpirationPolicy;
import dev.keel.manifest.Images;
import dev.keel.manifest.Manifest;
import dev.keel.manifest.ManifestException;
import dev.keel.manifest.SemVer;
import dev.keel.manifest.Update;
import dev.keel.reposerver.store.AdminRequiredException;
import dev.keel.reposerver.store.ConflictException;
import dev.keel.reposerver.store.InvalidReleaseException;
import dev.keel.reposerver.store.InvalidRequestException;
import dev.keel.reposerver.store.NotFoundException;
import dev.keel.reposerver.store.PublishException;
import dev.keel.reposerver.store.RepositoryId;
import dev.keel.reposerver.store.RepositoryStateException;
import dev.keel.reposerver.store.RepositoryStore;
import dev.keel.reposerver.store.StorageFullException;
import dev.keel.reposerver.store.Upload;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.client.VerifyingInputStream;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.MetadataPaths;
import dev.keel.tuf.model.Signed;
import dev.keel.tuf.model.Snapshot;
import dev.keel.tuf.model.TargetFile;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.model.Targets;
import dev.keel.tuf.model.Timestamp;
import dev.keel.tuf.repo.ExistingRepository;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.repo.RepositoryWriter;
import dev.keel.tuf.repo.SignedRepository;
import dev.keel.tuf.repo.TargetHasher;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.transport.FileTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Publishes releases the way {@code pubsys repo} does, and keeps repositories fresh the way {@code
 * refresh-repo} does. Blocking; safe to call from many threads.
 *
 * <p>Rules: every change loads the current repository through tuf-core's client (signatures,
 * versions and hashes verified against the store's trusted root), edits manifest.json and the
 * targets, and signs targets, snapshot and timestamp with the online keys only. Versions are UNIX
 * seconds but always strictly greater than the previous version. The writer places targets first
 * and timestamp.json last, so a crash at any point leaves the previous release fully served.
 * Requests are validated before anything is written; changes to one repository are serialised.
 *
 * <p>After each change, versioned metadata no client can still need is deleted ({@link
 * MetadataRetention}: roots are always kept, snapshot and targets versions once no unexpired
 * timestamp can lead to them).
 *
 * <p>Off-spec: edits load the current metadata even if it has expired (signatures are still
 * checked), so that publishing or refreshing repairs an expired repository; {@link #validate}
 * enforces expiry.
 */
public final class Publisher {
  private static final String TARGETS = RepositoryEditor.TOP_LEVEL_TARGETS;
  private static final TargetPath MANIFEST = new TargetPath("manifest.json");

  private final RepositoryStore store;
  private final SigningKeys keys;
  private final ExpirationPolicy expirations;
  private final java.util.Set<HashAlgorithm> algorithms;
  private final Clock clock;
  private final MetadataPruner pruner;
  private final Map<RepositoryId, ReentrantLock> locks = new ConcurrentHashMap<>();

  public Publisher(
      RepositoryStore store,
      SigningKeys keys,
      ExpirationPolicy expirations,
      java.util.Set<HashAlgorithm> algorithms,
      Clock clock) {
    this.store = store;
    this.keys = keys;
    this.expirations = expirations;
    this.algorithms = java.util.Set.copyOf(algorithms);
    this.clock = clock;
    this.pruner =
        new MetadataPruner(
            new MetadataRetention(
                expirations.timestampExpiration(), MetadataRetention.DEFAULT_MARGIN));
  }

  public RepositoryStore store() {
    return store;
  }

  /**
   * Adds a release: manifest add_update, set_migrations (when given) and set_waves; images, extra
   * targets and the new manifest.json listed as targets; everything re-signed and written. The
   * release is checked as a whole first ({@link ReleaseCheck}).
   *
   * @param permission {@link Permission#ADMIN} to allow lowering {@code max_version} of published
   *     releases
   * @throws InvalidReleaseException if an upload is missing or a name or the migration table is
   *     wrong
   * @throws InvalidRequestException if the wave times cannot be written (see {@link
   *     dev.keel.manifest.Update#LATEST_WAVE_TIME}) or are not ordered
   * @throws ConflictException if the version is already published or a listed target name would get
   *     other bytes
   * @throws AdminRequiredException if the release lowers {@code max_version} and {@code permission}
   *     is not admin
   */
  public PublishResult publish(PublishRequest request, Permission permission)
      throws PublishException {
    // Check everything the request names before touching the repository.
    ReleaseCheck.names(request);
    Map<String, Staged> staged = new LinkedHashMap<>();
    for (NamedUpload u : allUploads(request)) {
      Upload upload =
          store
              .findUpload(u.sha256())
              .orElseThrow(
                  () ->
                      new InvalidReleaseException(
                          InvalidReleaseException.Problem.MISSING_UPLOAD,
                          "no upload with sha256 "
                              + u.sha256()
                              + " (for target "
                              + u.name()
                              + "); upload it first"));
      staged.put(u.name().raw(), new Staged(u.name(), upload));
    }
    Map<String, TargetFile> adding = new LinkedHashMap<>();
    staged.forEach((name, s) -> adding.put(name, s.upload().targetFile()));
    Images images =
        new Images(
            request.boot().name().raw(), request.root().name().raw(), request.hash().name().raw());
    RepositoryId id = request.repository();
    return edit(
        id,
        current -> {
          Manifest manifest = current.manifest();
          ReleaseCheck.againstRepository(request, manifest, current.listed(), adding);
          Manifest next =
              manifest.addUpdate(
                  id.variant(), id.arch(), request.version(), request.maxVersion(), images);
          ReleaseCheck.maxVersionNotLowered(manifest, next, permission);
          if (request.migrations().isPresent()) {
            next = next.withMigrations(request.migrations().get());
          }
          if (request.waves() instanceof WaveChoice.Policy p) {
            // Whole seconds: wave times are read by people and by the original's chrono parser
            // alike.
            Instant start =
                request
                    .releaseStart()
                    .orElseGet(clock::instant)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            try {
              next = next.setWaves(id.variant(), id.arch(), request.version(), start, p.policy());
            } catch (ManifestException e) {
              throw new InvalidRequestException(
                  "wave policy " + p.source() + ": " + e.getMessage(), e);
            }
          }
          for (Staged s : staged.values()) {
            current
                .editor()
                .addTarget(
                    TARGETS,
                    s.name(),
                    s.upload().targetFile(),
                    store.uploadFile(s.upload().sha256()));
          }
          return next;
        });
  }

  /**
   * Pulls a release: lowers {@code max_version} on every update so hosts stop at (or go back to)
   * {@code maxVersion}, by default the newest release below {@code version}.
   */
  public PublishResult pull(RepositoryId id, SemVer version, Optional<SemVer> maxVersion)
      throws PublishException {
    return edit(
        id,
        current -> {
          Manifest manifest = current.manifest();
          List<Update> mine =
              manifest.updates().stream()
                  .filter(u -> u.variant().equals(id.variant()) && u.arch().equals(id.arch()))
                  .toList();
          if (mine.stream().noneMatch(u -> u.version().equals(version))) {
            throw new NotFoundException("release " + version + " is not in " + id);
          }
          SemVer max =
              maxVersion.isPresent()
                  ? maxVersion.get()
                  : mine.stream()
                      .map(Update::version)
                      .filter(v -> v.isBefore(version))
                      .max(Comparator.naturalOrder())
                      .orElseThrow(
                          () ->
                              new InvalidRequestException(
                                  "no release older than "
                                      + version
                                      + " in "
                                      + id
                                      + "; give max_version explicitly"));
          // Pulling only ever lowers the ceiling: a max_version at or above the pulled release
          // would
          // keep (or put) hosts on it.
          if (!max.isBefore(version)) {
            throw new InvalidRequestException(
                "max_version " + max + " must be lower than the pulled release " + version);
          }
          return manifest.setMaxVersion(max);
        });
  }

  /**
   * Removes a release from manifest.json (its targets stay, as with {@code updata remove-update}).
   */
  public PublishResult remove(RepositoryId id, SemVer version) throws PublishException {
    return edit(
        id,
        current -> {
          Manifest manifest = current.manifest();
          if (manifest.findUpdates(id.variant(), id.arch(), version).isEmpty()) {
            throw new NotFoundException("release " + version + " is not in " + id);
          }
          return manifest.removeUpdate(id.variant(), id.arch(), version);
        });
  }

  /**
   * Re-signs targets, snapshot and timestamp with new versions and expirations ({@code pubsys
   * refresh-repo}). With {@code unsafe} false, expired metadata is refused.
   */
  public PublishResult refresh(RepositoryId id, boolean unsafe) throws PublishException {
    return withLock(
        id,
        () -> {
          Path work = store.newWorkDir();
          try {
            Loaded loaded =
                load(
                    id,
                    unsafe
                        ? dev.keel.tuf.trust.ExpirationPolicy.IGNORE
                        : dev.keel.tuf.trust.ExpirationPolicy.ENFORCE,
                    work,
                    true);
            Instant now = clock.instant();
            loaded
                .editor()
                .version(
                    TARGETS, freeVersion(id, TARGETS, nextVersion(now, loaded.targetsVersion())))
                .expires(TARGETS, expirations.targetsExpires(now));
            return write(id, loaded, loaded.manifest(), now);
          } finally {
            deleteTree(work);
          }
        });
  }

  /**
   * Re-signs only snapshot and timestamp, for the {@code ExpiryRefresher}; targets keeps its bytes.
   * Returns the new timestamp expiry.
   */
  public PublishResult refreshTimestamp(RepositoryId id) throws PublishException {
    return withLock(
        id,
        () -> {
          Path work = store.newWorkDir();
          try {
            Loaded loaded = load(id, dev.keel.tuf.trust.ExpirationPolicy.IGNORE, work, true);
            return write(id, loaded, loaded.manifest(), clock.instant());
          } finally {
            deleteTree(work);
          }
        });
  }

  /** The expiry of every top-level role ({@code pubsys check-repo-expirations}). */
  public List<RoleExpiry> expirations(RepositoryId id) throws PublishException {
    Path work = store.newWorkDir();
    try {
      ExistingRepository repo =
          loadClient(id, dev.keel.tuf.trust.ExpirationPolicy.IGNORE, work, true).repo();
      var targets = repo.targetsRoles().get(TARGETS).envelope().signed();
      return List.of(
          new RoleExpiry("root", repo.root().signed().version(), repo.root().signed().expires()),
          new RoleExpiry("targets", targets.version(), targets.expires()),
          new RoleExpiry(
              "snapshot", repo.snapshot().signed().version(), repo.snapshot().signed().expires()),
          new RoleExpiry(
              "timestamp",
              repo.timestamp().signed().version(),
              repo.timestamp().signed().expires()));
    } finally {
      deleteTree(work);
    }
  }

  /**
   * Loads the repository as a host would (expiry enforced), reads manifest.json as a host would
   * and, if asked, downloads and checks every target ({@code pubsys validate-repo}).
   */
  public ValidationReport validate(RepositoryId id, boolean downloadTargets)
      throws PublishException {
    Path work = store.newWorkDir();
    try {
      Client client = loadClient(id, dev.keel.tuf.trust.ExpirationPolicy.ENFORCE, work, true);
      readManifest(id, client);
      Map<String, TargetFile> targets =
          client.repo().targetsRoles().get(TARGETS).envelope().signed().targets();
      int downloaded = 0;
      long bytes = 0;
      if (downloadTargets) {
        for (String name : targets.keySet()) {
          TargetInfo info =
              client
                  .updater()
                  .findTarget(new TargetPath(name))
                  .orElseThrow(
                      () ->
                          new RepositoryStateException(
                              "target " + name + " vanished during validation"));
          try (VerifyingInputStream in =
              client.updater().openTarget(info, store.targetsDir().toUri())) {
            bytes += in.transferTo(OutputStream.nullOutputStream());
          } catch (IOException e) {
            throw new RepositoryStateException(
                "target " + name + " failed verification: " + e.getMessage(), e);
          }
          downloaded++;
        }
      }
      return new ValidationReport(
          id, client.repo().timestamp().signed().version(), targets.size(), downloaded, bytes);
    } catch (TufException e) {
      throw verifyFailure(id, e);
    } finally {
      deleteTree(work);
    }
  }

  // ---- the shared edit cycle ------------------------------------------------------------------

  @FunctionalInterface
  private interface ManifestEdit {
    /** The next manifest; may add targets through {@code current.editor()}. */
    Manifest apply(Loaded current) throws PublishException;
  }

  @FunctionalInterface
  private interface Locked<T> {
    T run() throws PublishException;
  }

  private record Staged(TargetPath name, Upload upload) {}

  private record Client(Updater updater, ExistingRepository repo) {}

  /**
   * The repository being edited: an editor over its current state, its manifest and the targets it
   * lists now (by name).
   */
  private record Loaded(
      RepositoryEditor editor,
      Manifest manifest,
      Map<String, TargetFile> listed,
      Optional<Instant> targetsExpires,
      long targetsVersion,
      long snapshotVersion,
      long timestampVersion) {}

  private PublishResult edit(RepositoryId id, ManifestEdit change) throws PublishException {
    return withLock(
        id,
        () -> {
          Path work = store.newWorkDir();
          try {
            Loaded loaded = load(id, dev.keel.tuf.trust.ExpirationPolicy.IGNORE, work, false);
            Manifest next = change.apply(loaded);
            Instant now = clock.instant();
            Path manifestFile = work.resolve("manifest.json");
            byte[] json = next.toJson();
            readBack(id, json);
            Files.write(manifestFile, json);
            TargetFile described = TargetHasher.describe(manifestFile, algorithms);
            loaded.editor().addTarget(TARGETS, MANIFEST, described, manifestFile);
            loaded
                .editor()
                .version(
                    TARGETS, freeVersion(id, TARGETS, nextVersion(now, loaded.targetsVersion())))
                .expires(TARGETS, expirations.targetsExpires(now));
            return write(id, loaded, next, now);
          } catch (IOException | TufException e) {
            throw StorageFullException.classify("cannot write " + id, e);
          } finally {
            deleteTree(work);
          }
        });
  }

  private PublishResult write(RepositoryId id, Loaded loaded, Manifest manifest, Instant now)
      throws PublishException {
    RepositoryEditor editor = loaded.editor();
    editor
        .snapshotVersion(freeVersion(id, "snapshot", nextVersion(now, loaded.snapshotVersion())))
        .snapshotExpires(expirations.snapshotExpires(now))
        .timestampVersion(nextVersion(now, loaded.timestampVersion()))
        .timestampExpires(expirations.timestampExpires(now));
    try {
      SignedRepository signed = editor.sign(keys.signers());
      new RepositoryWriter(store.sink())
          .write(
              signed,
              store.metadataDir(id),
              store.targetsDir(),
              RepositoryWriter.TargetPlacement.HARD_LINK,
              RepositoryWriter.ExistingTarget.SKIP);
      pruner.prune(store.metadataDir(id), signed.snapshot().version(), now);
      // The expiries just signed, so callers need not load the repository again to learn them.
      Optional<Targets> newTargets =
          signed.targetsRoles().stream()
              .filter(r -> r.name().equals(TARGETS))
              .findFirst()
              .map(r -> parsed(r.bytes(), Targets.class));
      long targetsVersion = newTargets.map(Targets::version).orElse(loaded.targetsVersion());
      Instant targetsExpires =
          newTargets.map(Targets::expires).or(loaded::targetsExpires).orElseThrow();
      Snapshot snapshot = parsed(signed.snapshot().bytes(), Snapshot.class);
      Timestamp timestamp = parsed(signed.timestamp().bytes(), Timestamp.class);
      List<RoleExpiry> expiries =
          List.of(
              new RoleExpiry("root", editor.root().version(), editor.root().expires()),
              new RoleExpiry("targets", targetsVersion, targetsExpires),
              new RoleExpiry("snapshot", snapshot.version(), snapshot.expires()),
              new RoleExpiry("timestamp", timestamp.version(), timestamp.expires()));
      return new PublishResult(
          id,
          targetsVersion,
          signed.snapshot().version(),
          signed.timestamp().version(),
          manifest,
          expiries);
    } catch (StorageException e) {
      throw StorageFullException.classify("cannot write " + id, e);
    } catch (TufException e) {
      throw new RepositoryStateException("cannot sign " + id + ": " + e.getMessage(), e);
    }
  }

  /** Reads back metadata this publisher has just signed; it cannot be malformed. */
  private static <T extends Signed> T parsed(Bytes bytes, Class<T> type) {
    try {
      return type.cast(MetadataCodec.any(bytes.toByteArray(), type.getSimpleName()).signed());
    } catch (TufException e) {
      throw new IllegalStateException("just-signed metadata does not parse", e);
    }
  }

  private Loaded load(
      RepositoryId id, dev.keel.tuf.trust.ExpirationPolicy expiry, Path work, boolean mustExist)
      throws PublishException {
    if (!store.exists(id)) {
      if (mustExist) {
        throw new NotFoundException("no repository for " + id);
      }
      try {
        return new Loaded(
            RepositoryEditor.create(store.trustedRoot()),
            Manifest.empty(),
            Map.of(),
            Optional.empty(),
            0,
            0,
            0);
      } catch (TufException e) {
        throw new RepositoryStateException("the trusted root is malformed: " + e.getMessage(), e);
      }
    }
    Client client = loadClient(id, expiry, work, true);
    ExistingRepository repo = client.repo();
    Manifest manifest = readManifest(id, client);
    try {
      Targets targets = repo.targetsRoles().get(TARGETS).envelope().signed();
      return new Loaded(
          RepositoryEditor.load(repo, Optional.empty()),
          manifest,
          targets.targets(),
          Optional.of(targets.expires()),
          targets.version(),
          repo.snapshot().signed().version(),
          repo.timestamp().signed().version());
    } catch (TufException e) {
      throw new RepositoryStateException("cannot load " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses to sign a manifest.json that would not read back: once signed, every later change to
   * the repository would fail to load it. The manifest records make this impossible; this is the
   * last line of defence.
   */
  private static void readBack(RepositoryId id, byte[] json) throws RepositoryStateException {
    try {
      Manifest.parse(json);
    } catch (ManifestException e) {
      throw new RepositoryStateException(
          "refusing to sign a manifest.json for "
              + id
              + " that does not read back: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * manifest.json as a host reads it (verified against targets, then parsed); empty if not listed.
   */
  private Manifest readManifest(RepositoryId id, Client client) throws RepositoryStateException {
    try {
      Optional<TargetInfo> info = client.updater().findTarget(MANIFEST);
      if (info.isEmpty()) {
        return Manifest.empty();
      }
      try (InputStream in = client.updater().openTarget(info.get(), store.targetsDir().toUri())) {
        return Manifest.parse(in.readAllBytes());
      }
    } catch (TufException | IOException | ManifestException e) {
      throw new RepositoryStateException(
          "manifest.json of " + id + " cannot be read: " + e.getMessage(), e);
    }
  }

  private Client loadClient(
      RepositoryId id, dev.keel.tuf.trust.ExpirationPolicy expiry, Path work, boolean mustExist)
      throws PublishException {
    if (mustExist && !store.exists(id)) {
      throw new NotFoundException("no repository for " + id);
    }
    UpdaterConfig config =
        UpdaterConfig.of(store.metadataDir(id).toUri(), work.resolve("client"))
            .withBootstrapRoot(Bytes.copyOf(store.trustedRoot()))
            .withExpiration(expiry);
    Updater updater = new Updater(config, new FileTransport(), clock, new AtomicFiles());
    try {
      return new Client(updater, updater.loadRepository());
    } catch (TufException e) {
      throw verifyFailure(id, e);
    }
  }

  /**
   * A failure of the verifying client: the repository does not verify, unless writing the client's
   * scratch copy of the metadata failed, which is local IO (a full disk, say).
   */
  private static RepositoryStateException verifyFailure(RepositoryId id, TufException e) {
    if (e instanceof StorageException) {
      return StorageFullException.classify(
          "cannot write the scratch copy of " + id + "'s metadata", e);
    }
    return new RepositoryStateException(id + " does not verify: " + e.getMessage(), e);
  }

  private <T> T withLock(RepositoryId id, Locked<T> action) throws PublishException {
    ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock(true));
    lock.lock();
    try {
      return action.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Skips versions whose file an interrupted publish left behind: such a file was never referenced
   * by timestamp.json, but a client may not see it replaced, and the writer refuses to overwrite
   * it.
   */
  private long freeVersion(RepositoryId id, String role, long candidate) {
    long v = candidate;
    while (Files.exists(store.metadataDir(id).resolve(MetadataPaths.role(role, v, true)))) {
      v++;
    }
    return v;
  }

  /** UNIX seconds, as pubsys, but never reusing or going below a published version. */
  static long nextVersion(Instant now, long previous) {
    return Math.max(now.getEpochSecond(), previous + 1);
  }

  private static List<NamedUpload> allUploads(PublishRequest r) {
    List<NamedUpload> all = new ArrayList<>(List.of(r.boot(), r.root(), r.hash()));
    all.addAll(r.extraTargets());
    return all;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // scratch space; a leftover is harmless
                }
              });
    } catch (IOException ignored) {
      // scratch space; a leftover is harmless
    }
  }
}
