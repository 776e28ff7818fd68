package dev.keel.tuf.repo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.tuf.crypto.Signatures;
import dev.keel.tuf.crypto.Signer;
import dev.keel.tuf.error.ExpiryNotSetException;
import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.error.RepositoryException;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.error.UnsignedMetadataException;
import dev.keel.tuf.error.VersionNotIncreasedException;
import dev.keel.tuf.json.CanonicalJson;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.DelegatedRole;
import dev.keel.tuf.model.Delegations;
import dev.keel.tuf.model.Envelope;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.Key;
import dev.keel.tuf.model.MetaFile;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.RoleKeys;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.Signature;
import dev.keel.tuf.model.Signed;
import dev.keel.tuf.model.Snapshot;
import dev.keel.tuf.model.SuccinctRoles;
import dev.keel.tuf.model.TargetFile;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.model.Targets;
import dev.keel.tuf.model.Timestamp;
import dev.keel.tuf.trust.ExpirationPolicy;
import dev.keel.tuf.trust.TrustedMetadataSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the next version of a repository: targets, delegations, versions and expiries, then signs
 * everything into a {@link SignedRepository}. Starts from a signed root ({@link #create}) or from a
 * verified {@link ExistingRepository} ({@link #load}); in the latter case targets roles the edit
 * does not touch keep their exact bytes and version. Never talks to the network or the disk, except
 * to hash local target files.
 */
public final class RepositoryEditor {
  public static final String TOP_LEVEL_TARGETS = RoleType.TARGETS.jsonName();

  private final List<SignedRole> roots;
  private final Root root;
  private final Map<String, TargetsDraft> roles = new LinkedHashMap<>();
  private final Map<TargetPath, SignedRepository.LocalTarget> localTargets = new LinkedHashMap<>();
  private final VersionedDraft snapshot;
  private final VersionedDraft timestamp;

  private RepositoryEditor(
      List<SignedRole> roots, Root root, VersionedDraft snapshot, VersionedDraft timestamp) {
    this.roots = roots;
    this.root = root;
    this.snapshot = snapshot;
    this.timestamp = timestamp;
  }

  /**
   * Starts a new repository from a signed root file; targets, snapshot and timestamp start at
   * version 1 unless set.
   */
  public static RepositoryEditor create(byte[] signedRootFile) throws MalformedMetadataException {
    Envelope<Root> root = MetadataCodec.root(signedRootFile, "root.json");
    RepositoryEditor editor =
        new RepositoryEditor(
            List.of(
                SignedRole.of(
                    "root", RoleType.ROOT, root.signed().version(), signedRootFile.clone())),
            root.signed(),
            new VersionedDraft(0, null),
            new VersionedDraft(0, null));
    editor.roles.put(
        TOP_LEVEL_TARGETS,
        new TargetsDraft(
            TOP_LEVEL_TARGETS,
            Optional.empty(),
            0,
            null,
            new LinkedHashMap<>(),
            Optional.empty(),
            Map.of(),
            Optional.empty()));
    return editor;
  }

  /**
   * Starts the next version of a verified repository. A newer root than the repository's may be
   * passed in {@code newRootFile} to publish a root rotation along with it.
   */
  public static RepositoryEditor load(ExistingRepository existing, Optional<byte[]> newRootFile)
      throws RepositoryException {
    List<SignedRole> roots = new ArrayList<>();
    for (Bytes b : existing.rootFiles()) {
      Envelope<Root> r = MetadataCodec.root(b.toByteArray(), "root.json");
      roots.add(SignedRole.of("root", RoleType.ROOT, r.signed().version(), b.toByteArray()));
    }
    Root root = existing.root().signed();
    if (newRootFile.isPresent()) {
      // TUF 5.3.4 to 5.3.6, by the client's own rules: version N+1, signed by a threshold of the
      // current root's keys and of its own. A rotation nobody trusted can never be published.
      byte[] current = existing.rootFiles().get(existing.rootFiles().size() - 1).toByteArray();
      Envelope<Root> newRoot =
          new TrustedMetadataSet(current, Instant.EPOCH, ExpirationPolicy.IGNORE)
              .updateRoot(newRootFile.get());
      roots.add(
          SignedRole.of(
              "root", RoleType.ROOT, newRoot.signed().version(), newRootFile.get().clone()));
      root = newRoot.signed();
    }
    Timestamp ts = existing.timestamp().signed();
    Snapshot snap = existing.snapshot().signed();
    RepositoryEditor editor =
        new RepositoryEditor(
            roots,
            root,
            new VersionedDraft(snap.version(), snap.expires()),
            new VersionedDraft(ts.version(), ts.expires()));
    // Top-level targets first, then delegated roles in the order the parents name them.
    List<String> order = new ArrayList<>();
    order.add(TOP_LEVEL_TARGETS);
    for (int i = 0; i < order.size(); i++) {
      ExistingRepository.LoadedRole loaded = existing.targetsRoles().get(order.get(i));
      if (loaded == null) {
        continue;
      }
      loaded.envelope().signed().delegations().ifPresent(d -> order.addAll(d.roleNames()));
    }
    Map<String, String> parents = new LinkedHashMap<>();
    for (String name : order) {
      ExistingRepository.LoadedRole loaded = existing.targetsRoles().get(name);
      if (loaded == null) {
        continue;
      }
      Targets t = loaded.envelope().signed();
      t.delegations().ifPresent(d -> d.roleNames().forEach(child -> parents.put(child, name)));
      SignedRole unchanged =
          SignedRole.of(name, RoleType.TARGETS, t.version(), loaded.fileBytes().toByteArray());
      editor.roles.put(
          name,
          new TargetsDraft(
              name,
              Optional.ofNullable(parents.get(name)),
              t.version(),
              t.expires(),
              new LinkedHashMap<>(t.targets()),
              t.delegations(),
              t.unrecognized(),
              Optional.of(unchanged)));
    }
    return editor;
  }

  public Root root() {
    return root;
  }

  /** Names of all targets roles, top-level first. */
  public List<String> roleNames() {
    return List.copyOf(roles.keySet());
  }

  /** The targets a role currently lists. */
  public Map<String, TargetFile> targets(String role) {
    return Map.copyOf(draft(role).targets);
  }

  public RepositoryEditor version(String role, long version) {
    draft(role).touch().version = requirePositive(version);
    return this;
  }

  public RepositoryEditor expires(String role, Instant expires) {
    draft(role).touch().expires = expires;
    return this;
  }

  public RepositoryEditor snapshotVersion(long version) {
    snapshot.version = requirePositive(version);
    return this;
  }

  public RepositoryEditor snapshotExpires(Instant expires) {
    snapshot.expires = expires;
    return this;
  }

  public RepositoryEditor timestampVersion(long version) {
    timestamp.version = requirePositive(version);
    return this;
  }

  public RepositoryEditor timestampExpires(Instant expires) {
    timestamp.expires = expires;
    return this;
  }

  /** Lists {@code name} in {@code role} with a description computed elsewhere (no local bytes). */
  public RepositoryEditor addTarget(String role, TargetPath name, TargetFile file) {
    draft(role).touch().targets.put(name.raw(), file);
    localTargets.remove(name);
    return this;
  }

  /**
   * Lists {@code name} in {@code role} and records where its bytes are, so the writer places them.
   */
  public RepositoryEditor addTarget(String role, TargetPath name, TargetFile file, Path source) {
    draft(role).touch().targets.put(name.raw(), file);
    localTargets.put(name, new SignedRepository.LocalTarget(file, Optional.of(source)));
    return this;
  }

  /** Hashes {@code file} in one streaming pass and lists it in {@code role}. */
  public TargetFile addTargetFile(
      String role,
      TargetPath name,
      Path file,
      Set<HashAlgorithm> algorithms,
      Optional<JsonNode> custom)
      throws StorageException {
    TargetFile described = TargetHasher.describe(file, algorithms);
    TargetFile withCustom = custom.map(described::withCustom).orElse(described);
    addTarget(role, name, withCustom, file);
    return withCustom;
  }

  public RepositoryEditor removeTarget(String role, TargetPath name) {
    TargetsDraft d = draft(role);
    if (d.targets.containsKey(name.raw())) {
      d.touch().targets.remove(name.raw());
    }
    localTargets.remove(name);
    return this;
  }

  /** Adds a delegated role under {@code parent}, with the keys it may use. */
  public RepositoryEditor delegate(
      String parent, DelegatedRole role, Map<String, Key> keys, Instant expires) {
    if (roles.containsKey(role.name())) {
      throw new IllegalArgumentException("role " + role.name() + " already exists");
    }
    TargetsDraft p = draft(parent).touch();
    if (p.delegations.isPresent() && p.delegations.get().succinctRoles().isPresent()) {
      throw new IllegalArgumentException(parent + " already delegates to hash bins");
    }
    Map<String, Key> allKeys =
        new LinkedHashMap<>(p.delegations.map(Delegations::keys).orElse(Map.of()));
    allKeys.putAll(keys);
    List<DelegatedRole> list =
        new ArrayList<>(p.delegations.flatMap(Delegations::roles).orElse(List.of()));
    list.add(role);
    p.delegations = Optional.of(Delegations.ofRoles(allKeys, list));
    roles.put(role.name(), newDelegatedDraft(role.name(), parent, expires));
    return this;
  }

  /** Replaces {@code parent}'s delegations with succinct hash bins and creates every bin role. */
  public RepositoryEditor delegateHashBins(
      String parent, SuccinctRoles bins, Map<String, Key> keys, Instant expires) {
    TargetsDraft p = draft(parent).touch();
    if (p.delegations.isPresent()) {
      throw new IllegalArgumentException(parent + " already has delegations");
    }
    p.delegations = Optional.of(Delegations.ofSuccinct(keys, bins));
    for (String name : bins.roleNames()) {
      roles.put(name, newDelegatedDraft(name, parent, expires));
    }
    return this;
  }

  /** The hash-bin role that {@code parent}'s succinct delegation assigns {@code name} to. */
  public String binFor(String parent, TargetPath name) {
    return draft(parent)
        .delegations
        .flatMap(Delegations::succinctRoles)
        .orElseThrow(() -> new IllegalArgumentException(parent + " has no hash-bin delegation"))
        .roleForTarget(name.raw());
  }

  /**
   * Signs every changed targets role, then snapshot, then timestamp, with whichever of {@code
   * signers} each role authorises.
   *
   * @throws UnsignedMetadataException if the signers cannot meet a role's threshold
   * @throws ExpiryNotSetException if a role to sign has no expiry
   * @throws VersionNotIncreasedException if a version set explicitly is below the current one
   * @throws KeyException if a signer fails
   */
  public SignedRepository sign(List<Signer> signers) throws TufException {
    List<SignedRole> targetsRoles = new ArrayList<>();
    Map<String, MetaFile> snapshotMeta = new LinkedHashMap<>();
    for (TargetsDraft d : roles.values()) {
      SignedRole signed;
      if (d.unchanged.isPresent()) {
        signed = d.unchanged.get();
      } else {
        long version = nextVersion(d.name, d.version, d.previousVersion);
        Targets t =
            new Targets(
                Signed.SPEC_VERSION,
                version,
                requireExpiry(d.name, d.expires),
                d.targets,
                d.delegations,
                d.unrecognized);
        signed = signRole(d.name, t, authorisedKeys(d), signers);
        targetsRoles.add(signed);
      }
      // Length and sha256 over the exact file bytes, as tough's editor always writes them.
      snapshotMeta.put(d.name + ".json", signed.metaFile());
    }
    Snapshot snap =
        new Snapshot(
            Signed.SPEC_VERSION,
            nextVersion("snapshot", snapshot.version, snapshot.previousVersion),
            requireExpiry("snapshot", snapshot.expires),
            snapshotMeta,
            Map.of());
    SignedRole snapshotRole = signRole("snapshot", snap, topLevelKeys(RoleType.SNAPSHOT), signers);
    Timestamp ts =
        new Timestamp(
            Signed.SPEC_VERSION,
            nextVersion("timestamp", timestamp.version, timestamp.previousVersion),
            requireExpiry("timestamp", timestamp.expires),
            Map.of(RoleType.SNAPSHOT.metaPath(), snapshotRole.metaFile()),
            Map.of());
    SignedRole timestampRole = signRole("timestamp", ts, topLevelKeys(RoleType.TIMESTAMP), signers);
    return new SignedRepository(
        root.consistentSnapshot(), roots, targetsRoles, snapshotRole, timestampRole, localTargets);
  }

  private record AuthorisedKeys(RoleKeys roleKeys, Map<String, Key> keys) {}

  private AuthorisedKeys topLevelKeys(RoleType type) {
    return new AuthorisedKeys(root.roleKeys(type), root.keys());
  }

  private AuthorisedKeys authorisedKeys(TargetsDraft d) {
    if (d.parent.isEmpty()) {
      return topLevelKeys(RoleType.TARGETS);
    }
    Delegations delegations = draft(d.parent.get()).delegations.orElseThrow();
    RoleKeys rk =
        delegations
            .roleKeys(d.name)
            .orElseThrow(
                () ->
                    new IllegalStateException(d.parent.get() + " does not delegate to " + d.name));
    return new AuthorisedKeys(rk, delegations.keys());
  }

  private static SignedRole signRole(
      String name, Signed payload, AuthorisedKeys auth, List<Signer> signers) throws TufException {
    byte[] canonical = CanonicalJson.encode(payload.toJson());
    List<Signature> signatures = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (String keyId : auth.roleKeys().keyIds()) {
      Key listed = auth.keys().get(keyId);
      if (listed == null || used.contains(keyId)) {
        continue;
      }
      for (Signer signer : signers) {
        if (signer.keyId().equals(keyId) || sameKeyMaterial(signer.publicKey(), listed)) {
          signatures.add(Signatures.sign(signer, keyId, canonical));
          used.add(keyId);
          break;
        }
      }
    }
    if (used.size() < auth.roleKeys().threshold()) {
      throw new UnsignedMetadataException(name, auth.roleKeys().threshold(), used.size());
    }
    return SignedRole.of(
        name, payload.type(), payload.version(), MetadataCodec.serialize(payload, signatures));
  }

  private static boolean sameKeyMaterial(Key a, Key b) {
    return a.scheme().equals(b.scheme()) && a.publicValue().strip().equals(b.publicValue().strip());
  }

  private TargetsDraft newDelegatedDraft(String name, String parent, Instant expires) {
    return new TargetsDraft(
        name,
        Optional.of(parent),
        0,
        expires,
        new LinkedHashMap<>(),
        Optional.empty(),
        Map.of(),
        Optional.empty());
  }

  private TargetsDraft draft(String role) {
    TargetsDraft d = roles.get(role);
    if (d == null) {
      throw new IllegalArgumentException("no targets role named '" + role + "'");
    }
    return d;
  }

  /**
   * The version to sign: the one set explicitly (0 when unset), else one more than before. A set
   * version below the current one would be a rollback that every client refuses.
   */
  private static long nextVersion(String role, long explicit, long previous)
      throws VersionNotIncreasedException {
    if (explicit == 0) {
      return previous + 1;
    }
    if (explicit < previous) {
      throw new VersionNotIncreasedException(role, explicit, previous);
    }
    return explicit;
  }

  private static Instant requireExpiry(String role, Instant expires) throws ExpiryNotSetException {
    if (expires == null) {
      throw new ExpiryNotSetException(role);
    }
    return expires;
  }

  private static long requirePositive(long version) {
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1, got " + version);
    }
    return version;
  }

  /** Snapshot or timestamp: the version and expiry to sign next. */
  private static final class VersionedDraft {
    private final long previousVersion;
    private long version;
    private Instant expires;

    VersionedDraft(long previousVersion, Instant expires) {
      this.previousVersion = previousVersion;
      this.expires = expires;
    }
  }

  /**
   * A targets role being edited; {@code unchanged} holds its old bytes until something touches it.
   */
  private static final class TargetsDraft {
    private final String name;
    private final Optional<String> parent;
    private final long previousVersion;
    private long version;
    private Instant expires;
    private final Map<String, TargetFile> targets;
    private Optional<Delegations> delegations;
    private final Map<String, JsonNode> unrecognized;
    private Optional<SignedRole> unchanged;

    TargetsDraft(
        String name,
        Optional<String> parent,
        long previousVersion,
        Instant expires,
        Map<String, TargetFile> targets,
        Optional<Delegations> delegations,
        Map<String, JsonNode> unrecognized,
        Optional<SignedRole> unchanged) {
      this.name = name;
      this.parent = parent;
      this.previousVersion = previousVersion;
      this.expires = expires;
      this.targets = targets;
      this.delegations = delegations;
      this.unrecognized = unrecognized;
      this.unchanged = unchanged;
    }

    TargetsDraft touch() {
      unchanged = Optional.empty();
      return this;
    }
  }
}
