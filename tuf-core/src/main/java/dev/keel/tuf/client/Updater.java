package dev.keel.tuf.client;

import dev.keel.tuf.error.ClockRollbackException;
import dev.keel.tuf.error.DelegationLimitException;
import dev.keel.tuf.error.DownloadException;
import dev.keel.tuf.error.LengthOrHashMismatchException;
import dev.keel.tuf.error.MissingMetadataException;
import dev.keel.tuf.error.MissingTargetException;
import dev.keel.tuf.error.RepositoryException;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.Delegations;
import dev.keel.tuf.model.Envelope;
import dev.keel.tuf.model.MetaFile;
import dev.keel.tuf.model.MetadataPaths;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.TargetFile;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.model.Targets;
import dev.keel.tuf.repo.ExistingRepository;
import dev.keel.tuf.storage.FileSink;
import dev.keel.tuf.transport.DownloadIOException;
import dev.keel.tuf.transport.FetchResult;
import dev.keel.tuf.transport.Transport;
import dev.keel.tuf.trust.TrustedMetadataSet;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The TUF client: fetches metadata through a {@link Transport}, feeds it to the pure {@link
 * TrustedMetadataSet}, and persists what is trusted in a {@link MetadataCache} so that rollback and
 * freeze protection hold across runs. Finds targets through delegations and streams them verified.
 * One instance serves one refresh; it is not thread-safe.
 */
public final class Updater {
  private static final String ROOT = RoleType.ROOT.jsonName();
  private static final String TIMESTAMP = RoleType.TIMESTAMP.jsonName();
  private static final String SNAPSHOT = RoleType.SNAPSHOT.jsonName();
  private static final String TARGETS = RoleType.TARGETS.jsonName();

  private final UpdaterConfig config;
  private final Transport transport;
  private final Clock clock;
  private final MetadataCache cache;
  private final List<Bytes> rootFiles = new ArrayList<>();
  private final Map<String, Bytes> targetsFiles = new LinkedHashMap<>();
  private Bytes timestampFile;
  private Bytes snapshotFile;
  private TrustedMetadataSet trusted;

  /** A targets role to load and the role that delegates to it ("root" for the top-level one). */
  private record RoleRef(String role, String delegator) {}

  public Updater(UpdaterConfig config, Transport transport, Clock clock, FileSink sink) {
    this.config = config;
    this.transport = transport;
    this.clock = clock;
    this.cache = new MetadataCache(config.metadataDir(), sink);
  }

  /**
   * 5.3 to 5.6 for the top-level roles: root chain, timestamp, snapshot, targets, with one
   * reference time read from the clock.
   *
   * @throws ClockRollbackException if the clock reads earlier than a previous run saw, by more than
   *     {@link UpdaterConfig#clockRollbackTolerance()}
   */
  public TrustedMetadataSet refresh() throws TufException {
    if (trusted != null) {
      throw new IllegalStateException(
          "an Updater serves one refresh; make a new one to refresh again");
    }
    // 5.3.1: one reference time for the whole refresh, never earlier than one seen before. A clock
    // reading up to the tolerance earlier is noise, not rollback: the refresh then uses the latest
    // known time, so neither expiry checks nor the recorded time ever move backwards (ADR 0005).
    Instant clockNow = clock.instant();
    Optional<Instant> latest = cache.latestKnownTime();
    if (latest.isPresent()
        && clockNow.isBefore(latest.get().minus(config.clockRollbackTolerance()))) {
      throw new ClockRollbackException(latest.get(), clockNow, config.clockRollbackTolerance());
    }
    Instant now = latest.filter(clockNow::isBefore).orElse(clockNow);
    // 5.3.2: the trusted root, from the metadata directory or the shipped bootstrap root.
    Optional<byte[]> cachedRoot = cache.read(ROOT);
    byte[] rootBytes =
        cachedRoot
            .or(() -> config.bootstrapRoot().map(Bytes::toByteArray))
            .orElseThrow(
                () ->
                    new MissingMetadataException(
                        "trusted root.json", config.metadataDir().toString()));
    trusted = new TrustedMetadataSet(rootBytes, now, config.expiration());
    // Nothing is written before a trusted root has loaded.
    cache.recordTime(now);
    rootFiles.add(Bytes.copyOf(rootBytes));
    if (cachedRoot.isEmpty()) {
      cache.write(ROOT, rootBytes);
    }
    updateRoot();
    updateTimestamp();
    updateSnapshot();
    loadTargets(TARGETS, ROOT);
    return trusted;
  }

  private void updateRoot() throws TufException {
    Root original = trusted.root().signed();
    // 5.3.3 to 5.3.9: walk N+1.root.json until there is none, at most maxRootRotations times.
    for (int i = 0; i < config.limits().maxRootRotations(); i++) {
      String name = MetadataPaths.root(trusted.root().signed().version() + 1);
      Optional<byte[]> next = fetch(name, config.limits().maxRootBytes());
      if (next.isEmpty()) {
        break;
      }
      trusted.updateRoot(next.get());
      cache.write(ROOT, next.get());
      rootFiles.add(Bytes.copyOf(next.get()));
    }
    // 5.3.11: fast-forward recovery. Rotated timestamp or snapshot keys invalidate both local
    // files.
    Root now = trusted.root().signed();
    if (!now.roleKeys(RoleType.TIMESTAMP).equals(original.roleKeys(RoleType.TIMESTAMP))
        || !now.roleKeys(RoleType.SNAPSHOT).equals(original.roleKeys(RoleType.SNAPSHOT))) {
      cache.delete(TIMESTAMP);
      cache.delete(SNAPSHOT);
    }
  }

  private void updateTimestamp() throws TufException {
    loadLocal(
        TIMESTAMP,
        bytes -> {
          trusted.updateTimestamp(bytes);
          timestampFile = Bytes.copyOf(bytes);
        });
    // 5.4.1: timestamp.json is never versioned in its name.
    byte[] bytes =
        fetch(MetadataPaths.timestamp(), config.limits().maxTimestampBytes())
            .orElseThrow(
                () ->
                    new MissingMetadataException(
                        "timestamp.json", config.metadataBase().toString()));
    long before = trusted.timestamp().map(t -> t.signed().version()).orElse(0L);
    Envelope<?> accepted = trusted.updateTimestamp(bytes);
    if (accepted.signed().version() != before) {
      cache.write(TIMESTAMP, bytes);
      timestampFile = Bytes.copyOf(bytes);
    }
  }

  private void updateSnapshot() throws TufException {
    MetaFile meta = trusted.timestamp().orElseThrow().signed().snapshotMeta();
    // A cached snapshot is kept only if it is the final one: the version timestamp names,
    // unexpired.
    if (loadLocal(
        SNAPSHOT,
        bytes -> {
          trusted.updateSnapshot(bytes, true);
          snapshotFile = Bytes.copyOf(bytes);
        })) {
      return;
    }
    boolean consistent = trusted.root().signed().consistentSnapshot();
    // 5.5.1: the snapshot timestamp names, capped at its signed length.
    byte[] bytes =
        fetch(
                MetadataPaths.role(SNAPSHOT, meta.version(), consistent),
                meta.length().orElse(config.limits().maxSnapshotBytes()))
            .orElseThrow(
                () ->
                    new MissingMetadataException(
                        "snapshot version " + meta.version(), config.metadataBase().toString()));
    trusted.updateSnapshot(bytes, false);
    cache.write(SNAPSHOT, bytes);
    snapshotFile = Bytes.copyOf(bytes);
  }

  /**
   * 5.6: loads a targets role, from the cache when it still matches snapshot, else from the
   * repository.
   */
  private Envelope<Targets> loadTargets(String role, String delegator) throws TufException {
    // Loaded through another delegator: checked against this one's keys and threshold first.
    Optional<Envelope<Targets>> known = trusted.targets(role, delegator);
    if (known.isPresent()) {
      return known.get();
    }
    Optional<byte[]> local = cache.read(role);
    if (local.isPresent()) {
      try {
        Envelope<Targets> env = trusted.updateDelegatedTargets(local.get(), role, delegator);
        targetsFiles.put(role, Bytes.copyOf(local.get()));
        return env;
      } catch (RepositoryException stale) {
        // Older than snapshot names, or damaged: fetch the current one below.
      }
    }
    MetaFile meta =
        trusted
            .snapshot()
            .orElseThrow()
            .signed()
            .findRole(role)
            .orElseThrow(
                () ->
                    new MissingMetadataException(
                        role + ".json in snapshot", config.metadataBase().toString()));
    boolean consistent = trusted.root().signed().consistentSnapshot();
    byte[] bytes =
        fetch(
                MetadataPaths.role(role, meta.version(), consistent),
                meta.length().orElse(config.limits().maxTargetsBytes()))
            .orElseThrow(
                () ->
                    new MissingMetadataException(
                        role + " version " + meta.version(), config.metadataBase().toString()));
    Envelope<Targets> env = trusted.updateDelegatedTargets(bytes, role, delegator);
    cache.write(role, bytes);
    targetsFiles.put(role, Bytes.copyOf(bytes));
    return env;
  }

  /**
   * Finds a target through the delegations: a pre-order depth-first walk from the top-level targets
   * role, visiting at most {@code maxDelegations} roles, stopping at terminating roles.
   */
  public Optional<TargetInfo> findTarget(TargetPath path) throws TufException {
    if (trusted == null) {
      refresh();
    }
    Deque<RoleRef> stack = new ArrayDeque<>();
    stack.push(new RoleRef(TARGETS, ROOT));
    Set<String> visited = new HashSet<>();
    int visits = 0;
    while (!stack.isEmpty()) {
      RoleRef next = stack.pop();
      String role = next.role();
      if (!visited.add(role)) {
        continue;
      }
      if (visits == config.limits().maxDelegations()) {
        throw new DelegationLimitException(path.raw(), config.limits().maxDelegations());
      }
      visits++;
      Targets targets = loadTargets(role, next.delegator()).signed();
      Optional<TargetFile> file = targets.findTarget(path.raw());
      if (file.isPresent()) {
        return Optional.of(new TargetInfo(path, file.get(), role));
      }
      Delegations.RolesForTarget children =
          targets
              .delegations()
              .map(d -> d.rolesFor(path.raw()))
              .orElse(new Delegations.RolesForTarget(List.of(), false));
      // 5.6.7.2.1: a matching terminating delegation ends the search after its own subtree.
      if (children.terminated()) {
        stack.clear();
      }
      for (int i = children.names().size() - 1; i >= 0; i--) {
        stack.push(new RoleRef(children.names().get(i), role));
      }
    }
    return Optional.empty();
  }

  /**
   * Opens a target's bytes, capped at the signed length and verified at end of stream.
   *
   * @throws MissingTargetException if the repository does not have the file
   */
  public VerifyingInputStream openTarget(TargetInfo target, URI targetsBase) throws TufException {
    return openTarget(target, targetsBase, UnaryOperator.identity());
  }

  /**
   * Opens a target's bytes as {@link #openTarget(TargetInfo, URI)} does, with {@code receive}
   * wrapped around the transport's body before verification: for a caller that reads the body ahead
   * on another thread, so that receiving and hashing run on different cores.
   */
  public VerifyingInputStream openTarget(
      TargetInfo target, URI targetsBase, UnaryOperator<InputStream> receive) throws TufException {
    URI url = UpdaterConfig.withSlash(targetsBase).resolve(targetUrlPath(target));
    FetchResult result = transport.fetch(url, target.file().length());
    if (result instanceof FetchResult.Found found) {
      return new VerifyingInputStream(
          receive.apply(found.body()), target.path().raw(), target.file());
    }
    throw new MissingTargetException(target.path().raw(), url.toString());
  }

  /**
   * Downloads a target to {@code file} (temporary file, then rename), unless {@code file} already
   * holds exactly the signed bytes. Returns whether anything was downloaded.
   */
  public boolean downloadTarget(TargetInfo target, URI targetsBase, Path file, FileSink sink)
      throws TufException {
    if (Files.isRegularFile(file) && matches(file, target.file())) {
      return false;
    }
    try (VerifyingInputStream in = openTarget(target, targetsBase)) {
      sink.copy(in, file);
    } catch (StorageException e) {
      Optional<LengthOrHashMismatchException> mismatch = VerificationIOException.find(e);
      if (mismatch.isPresent()) {
        throw mismatch.get();
      }
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof DownloadIOException d) {
          throw d.download();
        }
      }
      throw e;
    } catch (IOException e) {
      throw new StorageException(file, "could not close download", e);
    }
    return true;
  }

  private static boolean matches(Path file, TargetFile expected) {
    try {
      if (Files.size(file) != expected.length()) {
        return false;
      }
      try (InputStream in =
          new VerifyingInputStream(new FileInputStream(file.toFile()), file.toString(), expected)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return true;
    } catch (IOException | LengthOrHashMismatchException e) {
      return false;
    }
  }

  private String targetUrlPath(TargetInfo target) {
    Map<String, String> hashes = target.file().hashes();
    String hash =
        hashes.containsKey("sha256") ? hashes.get("sha256") : hashes.values().iterator().next();
    String path =
        MetadataPaths.target(
            target.path().resolved(), hash, trusted.root().signed().consistentSnapshot());
    List<String> encoded = new ArrayList<>();
    for (String segment : path.split("/")) {
      encoded.add(MetadataPaths.encodeSegment(segment));
    }
    return String.join("/", encoded);
  }

  /**
   * Refreshes, then loads every targets role reachable through delegations, for a repository editor
   * to publish the next version.
   */
  public ExistingRepository loadRepository() throws TufException {
    if (trusted == null) {
      refresh();
    }
    Map<String, ExistingRepository.LoadedRole> roles = new LinkedHashMap<>();
    Deque<RoleRef> queue = new ArrayDeque<>();
    queue.add(new RoleRef(TARGETS, ROOT));
    while (!queue.isEmpty()) {
      RoleRef next = queue.poll();
      Envelope<Targets> env = loadTargets(next.role(), next.delegator());
      roles.put(next.role(), new ExistingRepository.LoadedRole(env, targetsFiles.get(next.role())));
      env.signed()
          .delegations()
          .ifPresent(
              d -> d.roleNames().forEach(child -> queue.add(new RoleRef(child, next.role()))));
    }
    return new ExistingRepository(
        rootFiles,
        trusted.root(),
        trusted.timestamp().orElseThrow(),
        timestampFile,
        trusted.snapshot().orElseThrow(),
        snapshotFile,
        roles);
  }

  /** The trusted set of the last refresh. */
  public TrustedMetadataSet trusted() {
    if (trusted == null) {
      throw new IllegalStateException("refresh() has not run");
    }
    return trusted;
  }

  @FunctionalInterface
  private interface LocalLoad {
    void load(byte[] bytes) throws RepositoryException;
  }

  /**
   * Feeds a cached file to the trusted set; a cached file that no longer verifies is only ignored.
   */
  private boolean loadLocal(String role, LocalLoad load) throws StorageException {
    Optional<byte[]> bytes = cache.read(role);
    if (bytes.isEmpty()) {
      return false;
    }
    try {
      load.load(bytes.get());
      return true;
    } catch (RepositoryException e) {
      return false;
    }
  }

  private Optional<byte[]> fetch(String fileName, long maxBytes) throws DownloadException {
    URI url = config.metadataBase().resolve(fileName);
    FetchResult result = transport.fetch(url, maxBytes);
    if (result instanceof FetchResult.Found found) {
      try (InputStream in = found.body()) {
        return Optional.of(in.readAllBytes());
      } catch (IOException e) {
        throw DownloadIOException.unwrap(e, url);
      }
    }
    return Optional.empty();
  }
}
