package dev.keel.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.json.PrettyJson;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One release in manifest.json: a variant and architecture, its version, the highest version any
 * host should run ({@code max_version}), its rollout waves and its images.
 *
 * <p><b>Waves.</b> {@link #waves()} maps a wave's starting seed (a u32, normally below {@value
 * Seed#MAX}) to the time that wave starts; keys above {@value Seed#MAX} never match a host. {@link
 * #waveFor(Seed)} classifies a host exactly as the original does (§2.3).
 *
 * <p><b>Readiness, and how it differs from the original (Part A decision 1).</b> {@link
 * #isReady(Seed, Instant)} is true when {@code now} is at or after the host's ready time:
 *
 * <ul>
 *   <li>no waves: always ready;
 *   <li>{@link Wave.General} (seed in (startSeed, endSeed]): ready at {@code start + (end - start)
 *       * (seed - startSeed) / (endSeed - startSeed)}. The original multiplies by the absolute
 *       {@code seed} instead of {@code seed - startSeed}, so in every wave that does not start at
 *       seed 0 most hosts' targets fall after the wave's end and they all update together at {@code
 *       end}; ours spreads them evenly across the wave;
 *   <li>{@link Wave.Initial} (seed at or below the first key, including seed 0): ready at the first
 *       key's time. The original treats this wave as always ready, so seed-0 hosts took every
 *       release the moment it was published, before its first wave;
 *   <li>{@link Wave.Last} (seed above the last key): ready at the last key's time, as the original.
 * </ul>
 *
 * <p>Every value an update holds can be written to manifest.json and read back unchanged: wave
 * times lie in {@link #EARLIEST_WAVE_TIME}..{@link #LATEST_WAVE_TIME} and strings are well-formed
 * UTF-16 (the constructor refuses anything else).
 *
 * @param waves starting seed to wave start time, iterated in seed order
 * @param unknownFields fields of the update object this version does not know, such as {@code
 *     "status"}
 */
public record Update(
    String variant,
    String arch,
    SemVer version,
    SemVer maxVersion,
    SortedMap<Long, Instant> waves,
    Images images,
    UnknownFields unknownFields) {

  /** The largest wave key manifest.json can hold (u32). */
  public static final long MAX_WAVE_KEY = 0xFFFF_FFFFL;

  /**
   * The earliest wave time manifest.json can hold: 0000-01-01T00:00:00Z (RFC 3339 has four-digit
   * years).
   */
  public static final Instant EARLIEST_WAVE_TIME = Rfc3339.EARLIEST;

  /** The latest wave time manifest.json can hold: the end of year 9999, UTC. */
  public static final Instant LATEST_WAVE_TIME = Rfc3339.LATEST;

  public Update {
    ManifestWriter.requireWritable("variant", variant);
    ManifestWriter.requireWritable("arch", arch);
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(maxVersion, "maxVersion");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(unknownFields, "unknownFields");
    TreeMap<Long, Instant> copy = new TreeMap<>();
    for (Map.Entry<Long, Instant> e : waves.entrySet()) {
      long key = Objects.requireNonNull(e.getKey(), "wave seed");
      if (key < 0 || key > MAX_WAVE_KEY) {
        throw new IllegalArgumentException("wave seed " + key + " is not a u32");
      }
      Instant time = Objects.requireNonNull(e.getValue(), "wave time");
      if (!Rfc3339.inRange(time)) {
        throw new IllegalArgumentException(
            "wave time " + time + " of seed " + key + " is outside " + Rfc3339.RANGE);
      }
      copy.put(key, time);
    }
    waves = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * True if manifest.json can hold {@code time} as a wave time: between {@link #EARLIEST_WAVE_TIME}
   * and {@link #LATEST_WAVE_TIME}.
   */
  public static boolean holdsWaveTime(Instant time) {
    return Rfc3339.inRange(time);
  }

  /** A new update without waves or unknown fields. */
  public static Update of(
      String variant, String arch, SemVer version, SemVer maxVersion, Images images) {
    return new Update(
        variant, arch, version, maxVersion, new TreeMap<>(), images, UnknownFields.none());
  }

  /**
   * This update as a fresh JSON object, fields in the original's order (unknown fields last), as
   * written inside manifest.json and printed by {@code check-update --json}.
   */
  public ObjectNode toJsonNode() {
    return ManifestWriter.update(this);
  }

  /** {@link #toJsonNode()} pretty-printed as serde_json does. */
  public String toJsonString() {
    return PrettyJson.string(toJsonNode());
  }

  /** True if this update is for exactly this variant, architecture and version. */
  public boolean matches(String variant, String arch, SemVer version) {
    return this.variant.equals(variant) && this.arch.equals(arch) && this.version.equals(version);
  }

  public Update withMaxVersion(SemVer newMax) {
    return new Update(variant, arch, version, newMax, waves, images, unknownFields);
  }

  public Update withWaves(SortedMap<Long, Instant> newWaves) {
    return new Update(variant, arch, version, maxVersion, newWaves, images, unknownFields);
  }

  /** The wave a host with {@code seed} falls into (§2.3 classification, as the original). */
  public Wave waveFor(Seed seed) {
    long s = seed.value();
    SortedMap<Long, Instant> below = waves.headMap(s);
    SortedMap<Long, Instant> atOrAbove = waves.subMap(s, Seed.MAX + 1L);
    Map.Entry<Long, Instant> start =
        below.isEmpty() ? null : Map.entry(below.lastKey(), below.get(below.lastKey()));
    Map.Entry<Long, Instant> end =
        atOrAbove.isEmpty()
            ? null
            : Map.entry(atOrAbove.firstKey(), atOrAbove.get(atOrAbove.firstKey()));
    if (start == null && end == null) {
      return new Wave.None();
    }
    if (start == null) {
      return new Wave.Initial(end.getKey(), end.getValue());
    }
    if (end == null) {
      return new Wave.Last(start.getKey(), start.getValue());
    }
    return new Wave.General(start.getKey(), start.getValue(), end.getKey(), end.getValue());
  }

  /** True if a host with {@code seed} may take this update at {@code now} (see class doc). */
  public boolean isReady(Seed seed, Instant now) {
    return waveFor(seed).readyTime(seed).map(t -> !now.isBefore(t)).orElse(true);
  }

  /**
   * Checks that wave times strictly increase with the seed.
   *
   * @throws WavesNotOrderedException naming the first pair out of order
   */
  public void checkWavesOrdered() throws WavesNotOrderedException {
    Iterator<Map.Entry<Long, Instant>> it = waves.entrySet().iterator();
    if (!it.hasNext()) {
      return;
    }
    Map.Entry<Long, Instant> previous = it.next();
    while (it.hasNext()) {
      Map.Entry<Long, Instant> next = it.next();
      if (!previous.getValue().isBefore(next.getValue())) {
        throw new WavesNotOrderedException(this, previous.getKey(), next.getKey());
      }
      previous = next;
    }
  }
}
