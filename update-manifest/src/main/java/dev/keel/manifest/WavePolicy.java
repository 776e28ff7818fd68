package dev.keel.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A rollout schedule as publishers write it (core-kit {@code sources/updater/waves/}):
 *
 * <pre>
 * [[waves]]
 * start_after = '1 hour'   # offset from the release start time
 * fleet_percentage = 1     # cumulative percent of the fleet, 1..=100
 * </pre>
 *
 * <p>{@link #schedule(Instant)} turns it into manifest waves (§2.3, {@code Manifest::set_waves}): a
 * running seed starts at 0; for each wave in file order the entry {@code seed -> start +
 * start_after} is inserted (replacing an equal seed) and the seed becomes {@code
 * floor(f32(fleet_percentage) / 100 * 2048)}, computed in single precision as the original. The
 * last wave's end seed is therefore never inserted. Four policies ship built in ({@link
 * NamedWavePolicy}).
 *
 * @param waves the waves in file order; may be empty (the update then has no waves)
 */
public record WavePolicy(List<Step> waves) {

  /**
   * One {@code [[waves]]} entry: from {@code startAfter} after the release start, hosts up to
   * {@code fleetPercentage} percent of the fleet (cumulative) start to update.
   */
  public record Step(Duration startAfter, int fleetPercentage) {
    public Step {
      Objects.requireNonNull(startAfter, "startAfter");
      if (fleetPercentage < 1 || fleetPercentage > 100) {
        throw new IllegalArgumentException(FLEET_PERCENTAGE_RULE + ", got " + fleetPercentage);
      }
    }

    /** The first seed past this wave: {@code floor(f32(pct) / 100 * 2048)}, in f32 as upstream. */
    public long endSeed() {
      float percent = (float) fleetPercentage / 100f;
      return (long) (percent * (float) Seed.MAX);
    }
  }

  /** The original's message for a percentage outside 1..=100. */
  static final String FLEET_PERCENTAGE_RULE = "`fleet_percentage` must be a value between 1 - 100";

  public WavePolicy {
    waves = List.copyOf(waves);
  }

  /**
   * Reads a wave policy from TOML text; {@code source} names it in errors.
   *
   * @throws ConfigException if the TOML is invalid, {@code waves} is missing, a {@code start_after}
   *     is not an offset or a {@code fleet_percentage} is outside 1..=100
   */
  public static WavePolicy parse(String toml, String source) throws ConfigException {
    TomlReader reader = TomlReader.of(source);
    JsonNode root = reader.parse(toml);
    JsonNode list = reader.required(root, "", "waves");
    if (!list.isArray()) {
      throw reader.error("waves", "expected an array of tables ([[waves]])");
    }
    List<Step> steps = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String path = "waves[" + i + "]";
      JsonNode wave = list.get(i);
      if (!wave.isObject()) {
        throw reader.error(path, "expected a table");
      }
      Duration startAfter = reader.offset(wave, path, "start_after");
      long pct = reader.u32(wave, path, "fleet_percentage");
      if (pct < 1 || pct > 100) {
        throw reader.error(
            TomlReader.join(path, "fleet_percentage"), FLEET_PERCENTAGE_RULE + ", got " + pct);
      }
      steps.add(new Step(startAfter, (int) pct));
    }
    return new WavePolicy(steps);
  }

  /**
   * A built-in policy by name: {@code default}, {@code accelerated}, {@code ohno} or {@code
   * slow-roll}.
   *
   * @throws ConfigException if there is no built-in policy of that name
   */
  public static WavePolicy named(String name) throws ConfigException {
    NamedWavePolicy policy =
        NamedWavePolicy.find(name)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "built-in wave policies",
                        "",
                        "unknown wave policy '"
                            + name
                            + "', expected one of "
                            + NamedWavePolicy.names()));
    return policy.load();
  }

  /** Manifest waves for a release started at {@code start} (see class doc). */
  public SortedMap<Long, Instant> schedule(Instant start) {
    TreeMap<Long, Instant> out = new TreeMap<>();
    long seed = 0;
    for (Step step : waves) {
      out.put(seed, start.plus(step.startAfter()));
      seed = step.endSeed();
    }
    return Collections.unmodifiableSortedMap(out);
  }
}
