package dev.keel.reposerver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.keel.manifest.ExpirationPolicy;
import dev.keel.manifest.ManifestException;
import dev.keel.reposerver.http.ApiToken;
import dev.keel.reposerver.http.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the server is configured with. {@link #parse} reads the TOML file (see README);
 * {@link #development} is the no-config loopback setup.
 *
 * @param tls PEM certificate chain and private key; empty serves plain HTTP
 * @param signingKeys key sources (paths or {@code file:} URLs) of the online targets/snapshot/timestamp keys
 * @param refreshMargin re-sign timestamp and snapshot when they expire within this
 * @param accessLog whether to print one line per request to stdout
 */
public record ServerConfig(
    String host,
    int port,
    Optional<Tls> tls,
    Path dataDir,
    String prefix,
    List<String> signingKeys,
    ExpirationPolicy expiration,
    boolean sha512,
    long uploadLimit,
    Duration refreshMargin,
    Duration refreshInterval,
    List<ApiToken> tokens,
    boolean accessLog) {

  public static final long DEFAULT_UPLOAD_LIMIT = 8L << 30;

  /** A PEM certificate chain and its private key. */
  public record Tls(Path certificate, Path key) {}

  public ServerConfig {
    signingKeys = List.copyOf(signingKeys);
    tokens = List.copyOf(tokens);
  }

  /** Loopback, a random or given port, development keys in {@code dataDir/dev-keys}. */
  public static ServerConfig development(Path dataDir, int port, List<ApiToken> tokens) {
    return new ServerConfig("127.0.0.1", port, Optional.empty(), dataDir, "metadata",
        List.of(dataDir.resolve("dev-keys/online.pem").toString()), ExpirationPolicy.defaultPolicy(), false,
        DEFAULT_UPLOAD_LIMIT, Duration.ofDays(3), Duration.ofMinutes(10), tokens, true);
  }


  public ServerConfig withUploadLimit(long limit) {
    return new ServerConfig(host, port, tls, dataDir, prefix, signingKeys, expiration, sha512, limit,
        refreshMargin, refreshInterval, tokens, accessLog);
  }

  public ServerConfig withAccessLog(boolean on) {
    return new ServerConfig(host, port, tls, dataDir, prefix, signingKeys, expiration, sha512, uploadLimit,
        refreshMargin, refreshInterval, tokens, on);
  }

  /** Reads the TOML configuration file; relative paths are taken relative to the file's folder. */
  public static ServerConfig parse(Path file) throws ConfigFileException {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ConfigFileException(file + ": " + e.getMessage(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    JsonNode server = root.path("server");
    JsonNode repo = root.path("repository");
    JsonNode refresh = root.path("refresh");
    Optional<Tls> tls = Optional.empty();
    if (server.hasNonNull("tls_cert") || server.hasNonNull("tls_key")) {
      tls = Optional.of(new Tls(base.resolve(required(file, server, "server.tls_cert").asText()),
          base.resolve(required(file, server, "server.tls_key").asText())));
    }
    List<String> keys = new ArrayList<>();
    JsonNode keyList = required(file, repo, "repository.signing_keys");
    if (!keyList.isArray() || keyList.isEmpty()) {
      throw new ConfigFileException(file + ": repository.signing_keys must be a non-empty array of key paths");
    }
    keyList.forEach(k -> keys.add(k.asText().contains(":") ? k.asText() : base.resolve(k.asText()).toString()));
    ExpirationPolicy expiration = ExpirationPolicy.defaultPolicy();
    if (repo.hasNonNull("expiration_policy")) {
      Path p = base.resolve(repo.get("expiration_policy").asText());
      try {
        expiration = ExpirationPolicy.parse(Files.readString(p), p.toString());
      } catch (IOException | ManifestException e) {
        throw new ConfigFileException(file + ": repository.expiration_policy: " + e.getMessage(), e);
      }
    }
    List<ApiToken> tokens = new ArrayList<>();
    for (JsonNode t : root.path("tokens")) {
      Set<Scope> scopes = new LinkedHashSet<>();
      for (JsonNode s : t.path("scopes")) {
        try {
          scopes.add(Scope.valueOf(s.asText().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new ConfigFileException(file + ": unknown token scope '" + s.asText() + "' (publish, admin)");
        }
      }
      try {
        tokens.add(new ApiToken(t.path("name").asText("token"), t.path("sha256").asText(), scopes));
      } catch (IllegalArgumentException e) {
        throw new ConfigFileException(file + ": " + e.getMessage());
      }
    }
    String prefix = repo.path("prefix").asText("metadata");
    if (prefix.isEmpty()) {
      // The server serves metadata under /<prefix>/...: an empty one would serve nothing.
      throw new ConfigFileException(file + ": repository.prefix must not be empty");
    }
    return new ServerConfig(server.path("host").asText("127.0.0.1"), server.path("port").asInt(8080), tls,
        base.resolve(required(file, repo, "repository.data_dir").asText()), prefix,
        keys, expiration, repo.path("sha512").asBoolean(false),
        repo.path("upload_limit_bytes").asLong(DEFAULT_UPLOAD_LIMIT),
        duration(file, refresh, "margin", Duration.ofDays(3)), duration(file, refresh, "interval", Duration.ofMinutes(10)),
        tokens, server.path("access_log").asBoolean(true));
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?|w|weeks?)");

  /** Parses "3 days", "90m", "12 hours", "2w". */
  private static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration like '3 days' or '90m': " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).charAt(0)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  private static Duration duration(Path file, JsonNode table, String key, Duration fallback) throws ConfigFileException {
    if (!table.hasNonNull(key)) {
      return fallback;
    }
    try {
      return parseDuration(table.get(key).asText());
    } catch (IllegalArgumentException e) {
      throw new ConfigFileException(file + ": refresh." + key + ": " + e.getMessage());
    }
  }

  private static JsonNode required(Path file, JsonNode table, String key) throws ConfigFileException {
    String last = key.substring(key.lastIndexOf('.') + 1);
    if (!table.hasNonNull(last)) {
      throw new ConfigFileException(file + ": " + key + " is required");
    }
    return table.get(last);
  }

  /** The configuration file is unreadable or wrong. */
  public static final class ConfigFileException extends Exception {
    public ConfigFileException(String message) {
      super(message);
    }

    public ConfigFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
