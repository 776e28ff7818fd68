package dev.keel.reposerver.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which versioned metadata files no client can still need, so that a repository does not grow with
 * every release forever (every {@code N.targets.json} lists every target, so keeping them all grows
 * quadratically). Pure: the files and the time in, the files to delete out.
 *
 * <p>A client reads {@code timestamp.json}, then the snapshot version it names, then the targets
 * versions that snapshot names; it never asks for any other snapshot or targets version. It uses a
 * timestamp only until it expires. The publisher signs a new snapshot with every timestamp, so a
 * snapshot is named by one timestamp only, signed together with it, and is needed until that
 * timestamp expires: at most the timestamp lifetime after it was signed. So:
 *
 * <ul>
 *   <li>every {@code N.root.json} is kept (clients walk the root chain from whatever version they
 *       have; roots are never offered here);
 *   <li>a snapshot is kept if it is the current one, newer than the current one (left by an
 *       interrupted publish; its number is never reused), or signed less than {@code
 *       timestampLifetime + margin} ago;
 *   <li>a targets (or delegated) version is kept if a kept snapshot names it, or if it is at or
 *       above the version the current snapshot names;
 *   <li>everything else is pruned. If a kept snapshot cannot be read, no targets version is pruned.
 * </ul>
 *
 * The margin covers clock skew between the server and hosts, a cache serving an old timestamp a
 * little late, and a timestamp lifetime that was longer before the policy changed. The longest
 * timestamp lifetime of the past must be covered by {@code timestampLifetime + margin}: when
 * shortening the lifetime, keep the margin at least the difference for one old lifetime.
 *
 * @param timestampLifetime how long a timestamp is valid after signing (the expiration policy's)
 * @param margin added to it; {@link #DEFAULT_MARGIN} by default
 */
public record MetadataRetention(Duration timestampLifetime, Duration margin) {
  /** One day. */
  public static final Duration DEFAULT_MARGIN = Duration.ofDays(1);

  public static final String SNAPSHOT = "snapshot";

  public MetadataRetention {
    if (timestampLifetime.isNegative() || margin.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /**
   * One versioned metadata file.
   *
   * @param role the role as it appears in the file name ({@code snapshot}, {@code targets}, ...)
   * @param signedBy a time at or after its signing (its file's modification time, say)
   * @param names for a snapshot, the version of each role it names; empty if it could not be read
   *     (for other roles, ignored)
   */
  public record Version(
      String role, long version, Instant signedBy, Optional<Map<String, Long>> names) {
    public Version {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(signedBy, "signedBy");
      names = names.map(Map::copyOf);
      if (role.equals("root")) {
        throw new IllegalArgumentException("roots are never pruned and never offered");
      }
    }
  }

  /**
   * The files of {@code files} no client can need at {@code now}, given the current snapshot
   * version.
   */
  public List<Version> prunable(List<Version> files, long currentSnapshot, Instant now) {
    Instant cutoff = now.minus(timestampLifetime).minus(margin);
    List<Version> out = new ArrayList<>();
    Set<String> needed = new HashSet<>();
    boolean unknown = false;
    Optional<Map<String, Long>> current = Optional.empty();
    for (Version f : files) {
      if (!f.role().equals(SNAPSHOT)) {
        continue;
      }
      boolean kept = f.version() >= currentSnapshot || f.signedBy().isAfter(cutoff);
      if (!kept) {
        out.add(f);
        continue;
      }
      if (f.names().isEmpty()) {
        unknown = true;
      } else {
        f.names().get().forEach((role, v) -> needed.add(role + "@" + v));
      }
      if (f.version() == currentSnapshot) {
        current = f.names();
      }
    }
    if (unknown || current.isEmpty()) {
      return out; // without knowing what every kept snapshot names, keep every targets version
    }
    for (Version f : files) {
      Long named = current.get().get(f.role());
      if (!f.role().equals(SNAPSHOT)
          && named != null
          && f.version() < named
          && !needed.contains(f.role() + "@" + f.version())) {
        out.add(f);
      }
    }
    return out;
  }
}
