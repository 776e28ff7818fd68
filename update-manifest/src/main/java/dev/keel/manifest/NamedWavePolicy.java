package dev.keel.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The wave policies shipped with the original (core-kit {@code sources/updater/waves/}), bundled as
 * resources under {@code dev/keel/manifest/waves/}.
 */
public enum NamedWavePolicy {
  /** 1h 1%, 4h 5%, 1d 15%, 2d 40%, 4d 60%, 5d 90%, 6d 100%. */
  DEFAULT("default", "default-waves.toml"),
  /** 1h 3%, 4h 12%, 8h 40%, 16h 80%, 1d 100%. */
  ACCELERATED("accelerated", "accelerated-waves.toml"),
  /** 30min 5%, 60min 25%, 120min 50%, 150min 90%, 180min 100%: an emergency roll-out. */
  OHNO("ohno", "ohno.toml"),
  /** 1h 1%, 1d 5%, 3d 15%, 7d 40%, 9d 60%, 12d 90%, 13d 100%. */
  SLOW_ROLL("slow-roll", "slow-roll.toml");

  private final String policyName;
  private final String resource;

  NamedWavePolicy(String policyName, String resource) {
    this.policyName = policyName;
    this.resource = resource;
  }

  /** The name publishers use, for example {@code slow-roll}. */
  public String policyName() {
    return policyName;
  }

  /** The policy with this name, if any. */
  public static Optional<NamedWavePolicy> find(String name) {
    return Arrays.stream(values()).filter(p -> p.policyName.equals(name)).findFirst();
  }

  /** All names, in declaration order. */
  public static List<String> names() {
    return Arrays.stream(values()).map(NamedWavePolicy::policyName).toList();
  }

  /** The bundled TOML text. */
  public String toml() {
    try (InputStream in = NamedWavePolicy.class.getResourceAsStream("waves/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in wave policy resource missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read built-in wave policy " + resource, e);
    }
  }

  /**
   * The parsed policy.
   *
   * @throws ConfigException only if the bundled file is broken (a packaging bug)
   */
  public WavePolicy load() throws ConfigException {
    return WavePolicy.parse(toml(), resource);
  }
}
