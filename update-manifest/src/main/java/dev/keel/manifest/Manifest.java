package dev.keel.manifest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * manifest.json: the releases a repository offers and the migrations between OS versions (§2.1).
 * Immutable; the publisher operations ({@link #addUpdate}, {@link #removeUpdate}, {@link
 * #setMaxVersion}, {@link #setWaves}, {@link #setMigrations}) mirror the original's {@code
 * Manifest} methods and {@code updata} subcommands but return a new manifest.
 *
 * <p>Invariants: {@link #updates()} keeps insertion order (it is serialized in that order); {@link
 * #migrations()} iterates in the order it is written, the lexicographic order of the {@code "(FROM,
 * TO)"} strings, and no two keys are equal. Wave order is <em>not</em> checked on parse (the
 * original does not either); {@link #setWaves} checks it.
 *
 * @param migrations each hop's ordered list of migration target names; an empty list means the hop
 *     needs no migrations
 * @param unknownFields top-level fields this version does not know, such as a legacy {@code
 *     "datastore_versions"}
 */
public record Manifest(
    List<Update> updates, Map<MigrationKey, List<String>> migrations, UnknownFields unknownFields) {

  /** The name used in error messages when none is given. */
  public static final String DEFAULT_SOURCE = "manifest.json";

  public Manifest {
    updates = List.copyOf(updates);
    migrations = sortedCopy(migrations);
    Objects.requireNonNull(unknownFields, "unknownFields");
  }

  /** {@code {"updates": [], "migrations": {}}}, what {@code updata init} writes. */
  public static Manifest empty() {
    return new Manifest(List.of(), Map.of(), UnknownFields.none());
  }

  /**
   * Parses manifest.json.
   *
   * @throws MalformedManifestException naming the field and the {@link
   *     MalformedManifestException.Problem}
   */
  public static Manifest parse(byte[] json) throws MalformedManifestException {
    return ManifestReader.read(json, DEFAULT_SOURCE);
  }

  /**
   * Parses manifest.json; {@code source} names it in error messages.
   *
   * @throws MalformedManifestException naming the field and the {@link
   *     MalformedManifestException.Problem}
   */
  public static Manifest parse(byte[] json, String source) throws MalformedManifestException {
    return ManifestReader.read(json, source);
  }

  /** The pretty JSON the original writes (UTF-8, no trailing newline), plus unknown fields. */
  public byte[] toJson() {
    return ManifestWriter.write(this);
  }

  /** {@link #toJson()} as a string. */
  public String toJsonString() {
    return new String(toJson(), StandardCharsets.UTF_8);
  }

  /** Updates for exactly this variant, architecture and version (normally zero or one). */
  public List<Update> findUpdates(String variant, String arch, SemVer version) {
    return updates.stream().filter(u -> u.matches(variant, arch, version)).toList();
  }

  /**
   * Adds an update without waves, as {@code Manifest::add_update}. Its {@code max_version} is
   * {@code maxVersion} if given, else the higher of {@code version} and the <em>first</em> update's
   * {@code max_version} (just {@code version} for an empty manifest). Every existing update with
   * the same variant and architecture then gets that {@code max_version} too. Duplicates are not
   * rejected, as in the original.
   */
  public Manifest addUpdate(
      String variant, String arch, SemVer version, Optional<SemVer> maxVersion, Images images) {
    SemVer max =
        maxVersion.orElseGet(
            () -> updates.isEmpty() ? version : SemVer.max(version, updates.get(0).maxVersion()));
    List<Update> next = new ArrayList<>(updates.size() + 1);
    for (Update u : updates) {
      next.add(u.variant().equals(variant) && u.arch().equals(arch) ? u.withMaxVersion(max) : u);
    }
    next.add(Update.of(variant, arch, version, max, images));
    return new Manifest(next, migrations, unknownFields);
  }

  /**
   * Removes every update for exactly this variant, architecture and version. No other update's
   * {@code max_version} changes; nothing happens if none matches.
   */
  public Manifest removeUpdate(String variant, String arch, SemVer version) {
    List<Update> next = updates.stream().filter(u -> !u.matches(variant, arch, version)).toList();
    return new Manifest(next, migrations, unknownFields);
  }

  /** Overwrites {@code max_version} on every update ({@code updata set-max-version}). */
  public Manifest setMaxVersion(SemVer maxVersion) {
    List<Update> next = updates.stream().map(u -> u.withMaxVersion(maxVersion)).toList();
    return new Manifest(next, migrations, unknownFields);
  }

  /**
   * Replaces the waves of every update for exactly this variant, architecture and version with
   * {@code policy} started at {@code startAt} ({@link WavePolicy#schedule}), then checks that the
   * waves of <em>every</em> update in the manifest are ordered, as {@code Manifest::set_waves}. Use
   * {@link #findUpdates} first to warn when none or several match.
   *
   * @throws WaveTimeOutOfRangeException if {@code startAt} or a wave's start is outside the times
   *     manifest.json can hold ({@link Update#EARLIEST_WAVE_TIME}..{@link Update#LATEST_WAVE_TIME})
   * @throws WavesNotOrderedException if some update's wave times do not increase with the seed
   */
  public Manifest setWaves(
      String variant, String arch, SemVer version, Instant startAt, WavePolicy policy)
      throws WaveTimeOutOfRangeException, WavesNotOrderedException {
    if (!Rfc3339.inRange(startAt)) {
      throw new WaveTimeOutOfRangeException(-1, startAt);
    }
    SortedMap<Long, Instant> waves = policy.schedule(startAt);
    for (Map.Entry<Long, Instant> w : waves.entrySet()) {
      if (!Rfc3339.inRange(w.getValue())) {
        throw new WaveTimeOutOfRangeException(w.getKey(), w.getValue());
      }
    }
    List<Update> next =
        updates.stream()
            .map(u -> u.matches(variant, arch, version) ? u.withWaves(waves) : u)
            .toList();
    for (Update u : next) {
      u.checkWavesOrdered();
    }
    return new Manifest(next, migrations, unknownFields);
  }

  /** Replaces the whole migrations table with Release.toml's; nothing is merged. */
  public Manifest setMigrations(ReleaseConfig release) {
    return withMigrations(release.migrations());
  }

  /** This manifest with {@code newMigrations} as its migrations table. */
  public Manifest withMigrations(Map<MigrationKey, List<String>> newMigrations) {
    return new Manifest(updates, newMigrations, unknownFields);
  }

  /** An unmodifiable copy in written order (lexicographic by {@code "(FROM, TO)"}). */
  static Map<MigrationKey, List<String>> sortedCopy(Map<MigrationKey, List<String>> source) {
    List<Map.Entry<MigrationKey, List<String>>> entries = new ArrayList<>(source.entrySet());
    entries.sort(Comparator.comparing(e -> e.getKey().toString()));
    Map<MigrationKey, List<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<MigrationKey, List<String>> e : entries) {
      List<String> names = List.copyOf(e.getValue());
      for (String name : names) {
        ManifestWriter.requireWritable("migration name under " + e.getKey(), name);
      }
      copy.put(Objects.requireNonNull(e.getKey()), names);
    }
    return Collections.unmodifiableMap(copy);
  }
}
