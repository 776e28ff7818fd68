package dev.keel.manifest;

import java.util.Objects;

/**
 * A TOML input (wave policy, repository expiration policy, Release.toml, updog.toml) is wrong.
 * {@link #source()} names the file or built-in policy, {@link #key()} the TOML key path ({@code
 * waves[2].fleet_percentage}, empty for the whole file).
 */
public final class ConfigException extends ManifestException {
  private final String source;
  private final String key;

  public ConfigException(String source, String key, String problem) {
    this(source, key, problem, null);
  }

  public ConfigException(String source, String key, String problem, Throwable cause) {
    super(source + ": " + (key.isEmpty() ? "" : "key '" + key + "': ") + problem, cause);
    this.source = Objects.requireNonNull(source);
    this.key = Objects.requireNonNull(key);
  }

  public String source() {
    return source;
  }

  public String key() {
    return key;
  }
}
