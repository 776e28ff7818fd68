package dev.keel.updog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.manifest.ConfigException;
import dev.keel.manifest.Seed;
import dev.keel.manifest.TomlReader;
import dev.keel.manifest.VersionFormatException;
import dev.keel.manifest.VersionLock;
import dev.keel.tuf.transport.ProxySettings;
import dev.keel.updog.error.UpdogConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /etc/updog.toml} (bottlerocket-update-system.md section 3.2): every key required except
 * the two proxy keys; unknown keys ignored.
 *
 * @param httpsProxy {@code https_proxy}; empty when absent or the empty string
 * @param noProxy {@code no_proxy}; only used when {@link #httpsProxy()} is set, as the original
 */
public record UpdogConfig(
    URI metadataBaseUrl,
    URI targetsBaseUrl,
    Seed seed,
    VersionLock versionLock,
    boolean ignoreWaves,
    Optional<String> httpsProxy,
    List<String> noProxy) {

  public UpdogConfig {
    Objects.requireNonNull(metadataBaseUrl, "metadataBaseUrl");
    Objects.requireNonNull(targetsBaseUrl, "targetsBaseUrl");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(versionLock, "versionLock");
    httpsProxy = httpsProxy.filter(p -> !p.isEmpty());
    noProxy = List.copyOf(noProxy);
  }

  /**
   * Reads and parses {@code file}.
   *
   * @throws UpdogConfigException naming the file and the key
   */
  public static UpdogConfig load(Path file) throws UpdogConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UpdogConfigException(file, file + ": no such file", e);
    } catch (IOException e) {
      throw new UpdogConfigException(file, file + ": could not read: " + e.getMessage(), e);
    }
    try {
      return parse(text, file.toString());
    } catch (ConfigException e) {
      throw new UpdogConfigException(file, e.getMessage(), e);
    }
  }

  /**
   * Parses updog.toml text; {@code source} names it in errors.
   *
   * @throws ConfigException naming {@code source} and the key
   */
  public static UpdogConfig parse(String text, String source) throws ConfigException {
    TomlReader toml = TomlReader.of(source);
    JsonNode root = toml.parse(text);
    URI metadata = url(toml, root, "metadata_base_url");
    URI targets = url(toml, root, "targets_base_url");
    long seed = toml.u32(root, "", "seed");
    if (seed >= Seed.MAX) {
      throw toml.error("seed", "must be below " + Seed.MAX + ", got " + seed);
    }
    VersionLock lock;
    try {
      lock = VersionLock.parse(toml.string(root, "", "version_lock"));
    } catch (VersionFormatException e) {
      throw toml.error("version_lock", e.getMessage(), e);
    }
    boolean ignoreWaves = toml.bool(root, "", "ignore_waves");
    Optional<String> proxy = toml.optionalString(root, "", "https_proxy");
    List<String> noProxy = toml.optionalStringList(root, "", "no_proxy").orElse(List.of());
    return new UpdogConfig(
        metadata, targets, new Seed((int) seed), lock, ignoreWaves, proxy, noProxy);
  }

  private static URI url(TomlReader toml, JsonNode root, String key) throws ConfigException {
    String text = toml.string(root, "", key);
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw toml.error(key, "expected an absolute http(s) URL, got '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw toml.error(key, "not a URL: " + e.getMessage(), e);
    }
  }

  /**
   * The proxies to use: the environment's, except that a configured {@code https_proxy} replaces
   * {@code HTTPS_PROXY}, and then a non-empty {@code no_proxy} replaces {@code NO_PROXY} (the
   * original sets both variables in its own process; {@code no_proxy} alone does nothing).
   *
   * @throws IllegalArgumentException if a proxy value is malformed
   */
  public ProxySettings proxies(Map<String, String> environment) {
    if (httpsProxy.isEmpty()) {
      return ProxySettings.fromEnvironment(environment);
    }
    Map<String, String> env = new java.util.HashMap<>(environment);
    env.remove("https_proxy");
    env.put("HTTPS_PROXY", httpsProxy.get());
    if (!noProxy.isEmpty()) {
      env.remove("no_proxy");
      env.put("NO_PROXY", String.join(",", noProxy));
    }
    return ProxySettings.fromEnvironment(env);
  }
}
