package dev.keel.tuf.trust;

import dev.keel.tuf.error.ExpiredMetadataException;
import dev.keel.tuf.error.MissingMetadataException;
import dev.keel.tuf.error.RepositoryException;
import dev.keel.tuf.error.RollbackException;
import dev.keel.tuf.error.VersionMismatchException;
import dev.keel.tuf.model.Envelope;
import dev.keel.tuf.model.Key;
import dev.keel.tuf.model.MetaFile;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.RoleKeys;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.Signed;
import dev.keel.tuf.model.Snapshot;
import dev.keel.tuf.model.Targets;
import dev.keel.tuf.model.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pure core of the TUF client: raw metadata bytes and one reference time in, accepted metadata
 * or a {@link RepositoryException} out. No file, network or clock access.
 *
 * <p>Invariants (TUF specification 1.0.x, §5 "Detailed client workflow"):
 *
 * <ul>
 *   <li>Metadata loads in order: root (any number of new versions), timestamp, snapshot, targets,
 *       delegated targets. Loading a role freezes the ones before it: no root after timestamp, no
 *       timestamp after snapshot, no snapshot after targets. Offering a role out of this order is
 *       the caller's bug ({@link IllegalStateException}), not something a repository can cause.
 *   <li>Every role is verified against its delegator's keys with {@link ThresholdCheck} over the
 *       canonical bytes of the {@code signed} object as received. A delegated role reached through
 *       more than one delegator is verified against each of them: trust is kept per delegator and
 *       role, never per role alone (see {@link #targets(String, String)}).
 *   <li>A role that is expired (or, for snapshot, not the version timestamp names) may still be
 *       loaded from the local cache as "intermediate" metadata, only to protect a newer version of
 *       itself against rollback; it must be replaced before anything below it loads.
 * </ul>
 */
public final class TrustedMetadataSet {
  private final Instant referenceTime;
  private final ExpirationPolicy expiration;
  private Envelope<Root> root;
  private Envelope<Timestamp> timestamp;
  private Envelope<Snapshot> snapshot;
  private final Map<String, Envelope<Targets>> targets = new LinkedHashMap<>();

  /**
   * The (delegator, role) pairs whose keys and threshold a loaded targets role has been checked
   * against.
   */
  private final Set<Delegation> verifiedDelegations = new HashSet<>();

  private final ThresholdCheck thresholdCheck = new ThresholdCheck();

  /**
   * 5.2: loads the trusted root, which must be signed by a threshold of its own root keys. Its
   * expiry is checked later, once the root chain has been walked (5.3.10).
   */
  public TrustedMetadataSet(byte[] trustedRoot, Instant referenceTime, ExpirationPolicy expiration)
      throws RepositoryException {
    this.referenceTime = referenceTime;
    this.expiration = expiration;
    Envelope<Root> r = MetadataCodec.root(trustedRoot, "trusted root.json");
    verify(r, "root", r.signed().roleKeys(RoleType.ROOT), r.signed());
    this.root = r;
  }

  public Instant referenceTime() {
    return referenceTime;
  }

  public Envelope<Root> root() {
    return root;
  }

  public Optional<Envelope<Timestamp>> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  public Optional<Envelope<Snapshot>> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  /** A loaded targets role, whichever delegator it was loaded through. */
  public Optional<Envelope<Targets>> targets(String roleName) {
    return Optional.ofNullable(targets.get(roleName));
  }

  /**
   * A loaded targets role as {@code delegator} delegates it: when the role was loaded through
   * another delegator, its envelope is first checked against {@code delegator}'s keys and threshold
   * for it, so that metadata one delegator authorised is never served in the name of another (TUF
   * 1.0 §5.6.7.2).
   *
   * @return empty if the role has not been loaded
   * @throws dev.keel.tuf.error.UnsignedMetadataException if {@code delegator}'s keys for the role
   *     do not reach its threshold over the loaded envelope
   */
  public Optional<Envelope<Targets>> targets(String roleName, String delegator)
      throws RepositoryException {
    Envelope<Targets> loaded = targets.get(roleName);
    if (loaded == null) {
      return Optional.empty();
    }
    Delegation delegation = new Delegation(delegator, roleName);
    if (!verifiedDelegations.contains(delegation)) {
      verifyDelegated(loaded, roleName, delegator);
      verifiedDelegations.add(delegation);
    }
    return Optional.of(loaded);
  }

  /**
   * 5.3.4 to 5.3.8: accepts {@code N+1.root.json}, signed by the current and by its own root keys.
   */
  public Envelope<Root> updateRoot(byte[] data) throws RepositoryException {
    if (timestamp != null) {
      throw new IllegalStateException("root cannot change after timestamp has been loaded");
    }
    Envelope<Root> next = MetadataCodec.root(data, "root.json");
    // 5.3.5: a threshold of the trusted root's keys, then of the new root's own keys.
    verify(next, "root", root.signed().roleKeys(RoleType.ROOT), root.signed());
    verify(next, "root", next.signed().roleKeys(RoleType.ROOT), next.signed());
    // 5.3.6: exactly the next version (a lower one is a rollback).
    long expected = root.signed().version() + 1;
    if (next.signed().version() < expected) {
      throw new RollbackException("root", root.signed().version(), next.signed().version());
    }
    if (next.signed().version() != expected) {
      throw new VersionMismatchException("root", expected, next.signed().version());
    }
    // 5.3.7: expiry of intermediate roots is deliberately not checked.
    root = next;
    return next;
  }

  /**
   * 5.4: accepts a timestamp. A version equal to the trusted one keeps the trusted one (nothing
   * changed). The new timestamp is accepted before its expiry is checked, so that even an expired
   * one still protects against rollback of later ones.
   */
  public Envelope<Timestamp> updateTimestamp(byte[] data) throws RepositoryException {
    if (snapshot != null) {
      throw new IllegalStateException("timestamp cannot change after snapshot has been loaded");
    }
    // 5.3.10: the final root must not be expired (freeze attack).
    checkExpiry(root.signed(), "root");
    Envelope<Timestamp> next = MetadataCodec.timestamp(data, "timestamp.json");
    verify(next, "timestamp", root.signed().roleKeys(RoleType.TIMESTAMP), root.signed());
    if (timestamp != null) {
      // 5.4.3: no rollback of timestamp, nor of the snapshot version it names.
      long trusted = timestamp.signed().version();
      if (next.signed().version() < trusted) {
        throw new RollbackException("timestamp", trusted, next.signed().version());
      }
      if (next.signed().version() == trusted) {
        checkExpiry(timestamp.signed(), "timestamp");
        return timestamp;
      }
      long trustedSnapshot = timestamp.signed().snapshotMeta().version();
      if (next.signed().snapshotMeta().version() < trustedSnapshot) {
        throw new RollbackException(
            "snapshot", trustedSnapshot, next.signed().snapshotMeta().version());
      }
    }
    timestamp = next;
    // 5.4.4: expiry, checked after accepting.
    checkExpiry(next.signed(), "timestamp");
    return next;
  }

  /**
   * 5.5: accepts a snapshot. {@code fromLocalCache} marks bytes we persisted earlier: their hashes
   * are not checked against timestamp (they may be older), and they may be intermediate.
   */
  public Envelope<Snapshot> updateSnapshot(byte[] data, boolean fromLocalCache)
      throws RepositoryException {
    if (timestamp == null) {
      throw new IllegalStateException("snapshot needs a trusted timestamp first");
    }
    if (!targets.isEmpty()) {
      throw new IllegalStateException("snapshot cannot change after targets have been loaded");
    }
    checkExpiry(timestamp.signed(), "timestamp");
    MetaFile meta = timestamp.signed().snapshotMeta();
    if (!fromLocalCache) {
      // 5.5.2: length and hashes as timestamp lists them.
      HashCheck.verify("snapshot.json", meta.length(), meta.hashes(), data);
    }
    Envelope<Snapshot> next = MetadataCodec.snapshot(data, "snapshot.json");
    verify(next, "snapshot", root.signed().roleKeys(RoleType.SNAPSHOT), root.signed());
    if (snapshot != null) {
      // 5.5.5: no targets role may disappear or roll back.
      for (Map.Entry<String, MetaFile> old : snapshot.signed().meta().entrySet()) {
        MetaFile now = next.signed().meta().get(old.getKey());
        if (now == null) {
          throw new RollbackException(old.getKey(), old.getValue().version(), 0);
        }
        if (now.version() < old.getValue().version()) {
          throw new RollbackException(old.getKey(), old.getValue().version(), now.version());
        }
      }
    }
    snapshot = next;
    checkFinalSnapshot();
    return next;
  }

  /** 5.6: accepts the top-level targets role. */
  public Envelope<Targets> updateTargets(byte[] data) throws RepositoryException {
    return updateDelegatedTargets(data, RoleType.TARGETS.jsonName(), RoleType.ROOT.jsonName());
  }

  /**
   * 5.6 for any targets role: {@code delegator} is "root" for the top-level targets role, else the
   * name of a trusted targets role that delegates to {@code roleName}.
   */
  public Envelope<Targets> updateDelegatedTargets(byte[] data, String roleName, String delegator)
      throws RepositoryException {
    if (snapshot == null) {
      throw new IllegalStateException("targets need a trusted snapshot first");
    }
    checkFinalSnapshot();
    MetaFile meta =
        snapshot
            .signed()
            .findRole(roleName)
            .orElseThrow(
                () ->
                    new MissingMetadataException(
                        roleName + ".json", "the trusted snapshot's meta"));
    HashCheck.verify(roleName + ".json", meta.length(), meta.hashes(), data);
    Envelope<Targets> next = MetadataCodec.targets(data, roleName + ".json");
    verifyDelegated(next, roleName, delegator);
    if (next.signed().version() != meta.version()) {
      throw new VersionMismatchException(roleName, meta.version(), next.signed().version());
    }
    checkExpiry(next.signed(), roleName);
    targets.put(roleName, next);
    // A new envelope: what other delegators were checked against was the old one.
    verifiedDelegations.removeIf(d -> d.role().equals(roleName));
    verifiedDelegations.add(new Delegation(delegator, roleName));
    return next;
  }

  /**
   * Checks {@code envelope} against the keys and threshold {@code delegator} gives {@code
   * roleName}.
   */
  private void verifyDelegated(Envelope<Targets> envelope, String roleName, String delegator)
      throws RepositoryException {
    if (delegator.equals(RoleType.ROOT.jsonName())) {
      verify(envelope, roleName, root.signed().roleKeys(RoleType.TARGETS), root.signed());
    } else {
      Envelope<Targets> parent = targets.get(delegator);
      // The caller walks the delegations it read from the parent: naming another is its bug.
      if (parent == null) {
        throw new IllegalArgumentException(
            "delegator " + delegator + " of " + roleName + " is not loaded");
      }
      RoleKeys keys =
          parent
              .signed()
              .delegations()
              .flatMap(d -> d.roleKeys(roleName))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          delegator + " does not delegate to " + roleName));
      Map<String, Key> delegatedKeys = parent.signed().delegations().orElseThrow().keys();
      thresholdCheck.require(
          roleName, keys, delegatedKeys, envelope.canonicalSigned(), envelope.signatures());
    }
  }

  /**
   * equals and hashCode written out: a record's generated ones are bound through invokedynamic on
   * first use, which spins classes on every client start (ADR 0010).
   */
  private record Delegation(String delegator, String role) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Delegation other
          && delegator.equals(other.delegator)
          && role.equals(other.role);
    }

    @Override
    public int hashCode() {
      return 31 * delegator.hashCode() + role.hashCode();
    }
  }

  private void checkFinalSnapshot() throws RepositoryException {
    checkExpiry(snapshot.signed(), "snapshot");
    long expected = timestamp.signed().snapshotMeta().version();
    if (snapshot.signed().version() != expected) {
      throw new VersionMismatchException("snapshot", expected, snapshot.signed().version());
    }
  }

  private void checkExpiry(Signed signed, String role) throws ExpiredMetadataException {
    if (expiration == ExpirationPolicy.ENFORCE && signed.isExpired(referenceTime)) {
      throw new ExpiredMetadataException(role, signed.expires(), referenceTime);
    }
  }

  private void verify(Envelope<?> envelope, String role, RoleKeys keys, Root keySource)
      throws RepositoryException {
    thresholdCheck.require(
        role, keys, keySource.keys(), envelope.canonicalSigned(), envelope.signatures());
  }
}
