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
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the server is configured with. {@link #parse} reads the TOML file (see README) and
 * fails closed: an unknown table or key, or a value of the wrong type, is refused naming the file
 * and the key, since this process holds the online signing keys. {@link #development} is the
 * no-config loopback setup.
 *
 * @param tls PEM certificate chain and private key; empty serves plain HTTP
 * @param signingKeys key sources (paths or {@code file:} URLs) of the online
 *     targets/snapshot/timestamp keys
 * @param refreshMargin re-sign timestamp and snapshot when they expire within this
 * @param limits connection timeouts and cap
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
    Limits limits,
    boolean accessLog) {

  public static final long DEFAULT_UPLOAD_LIMIT = 8L << 30;

  /** A PEM certificate chain and its private key. */
  public record Tls(Path certificate, Path key) {}

  /**
   * What bounds a client's hold on the server.
   *
   * @param idleTimeout a connection with nothing sent or received for this long is closed
   * @param requestHeadTimeout a request line and headers not complete this long after the
   *     connection opened or the previous response ended are answered with 408 and the connection
   *     closed (a client dripping a header byte at a time)
   * @param maxConnections open connections per server; beyond it new connections are closed at once
   */
  public record Limits(Duration idleTimeout, Duration requestHeadTimeout, int maxConnections) {
    public static final Limits DEFAULT =
        new Limits(Duration.ofSeconds(60), Duration.ofSeconds(10), 1000);

    public Limits {
      if (idleTimeout.toSeconds() < 1 || requestHeadTimeout.toMillis() < 1 || maxConnections < 1) {
        throw new IllegalArgumentException(
            "idle timeout under a second, no head timeout or no connections");
      }
    }
  }

  public ServerConfig {
    signingKeys = List.copyOf(signingKeys);
    tokens = List.copyOf(tokens);
  }

  /** Loopback, a random or given port, development keys in {@code dataDir/dev-keys}. */
  public static ServerConfig development(Path dataDir, int port, List<ApiToken> tokens) {
    return new ServerConfig(
        "127.0.0.1",
        port,
        Optional.empty(),
        dataDir,
        "metadata",
        List.of(dataDir.resolve("dev-keys/online.pem").toString()),
        ExpirationPolicy.defaultPolicy(),
        false,
        DEFAULT_UPLOAD_LIMIT,
        Duration.ofDays(3),
        Duration.ofMinutes(10),
        tokens,
        Limits.DEFAULT,
        true);
  }

  public ServerConfig withUploadLimit(long limit) {
    return new ServerConfig(
        host,
        port,
        tls,
        dataDir,
        prefix,
        signingKeys,
        expiration,
        sha512,
        limit,
        refreshMargin,
        refreshInterval,
        tokens,
        limits,
        accessLog);
  }

  public ServerConfig withAccessLog(boolean on) {
    return new ServerConfig(
        host,
        port,
        tls,
        dataDir,
        prefix,
        signingKeys,
        expiration,
        sha512,
        uploadLimit,
        refreshMargin,
        refreshInterval,
        tokens,
        limits,
        on);
  }

  public ServerConfig withLimits(Limits l) {
    return new ServerConfig(
        host,
        port,
        tls,
        dataDir,
        prefix,
        signingKeys,
        expiration,
        sha512,
        uploadLimit,
        refreshMargin,
        refreshInterval,
        tokens,
        l,
        accessLog);
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
    Table top = new Table(file, "", root);
    top.only("server", "repository", "refresh", "tokens");
    Table server = top.table("server");
    server.only(
        "host",
        "port",
        "tls_cert",
        "tls_key",
        "access_log",
        "idle_timeout",
        "request_head_timeout",
        "max_connections");
    Table repo = top.table("repository");
    repo.only(
        "data_dir", "prefix", "signing_keys", "expiration_policy", "sha512", "upload_limit_bytes");
    Table refresh = top.table("refresh");
    refresh.only("margin", "interval");

    Optional<String> cert = server.string("tls_cert");
    Optional<String> key = server.string("tls_key");
    if (cert.isPresent() != key.isPresent()) {
      throw server.error(
          cert.isPresent() ? "tls_key" : "tls_cert",
          "is required with " + (cert.isPresent() ? "tls_cert" : "tls_key"));
    }
    Optional<Tls> tls = cert.map(c -> new Tls(base.resolve(c), base.resolve(key.orElseThrow())));
    List<String> keys = new ArrayList<>();
    List<String> keyList =
        repo.strings("signing_keys").orElseThrow(() -> repo.error("signing_keys", "is required"));
    if (keyList.isEmpty()) {
      throw repo.error("signing_keys", "must be a non-empty array of key paths");
    }
    keyList.forEach(k -> keys.add(k.contains(":") ? k : base.resolve(k).toString()));
    ExpirationPolicy expiration = ExpirationPolicy.defaultPolicy();
    Optional<String> policy = repo.string("expiration_policy");
    if (policy.isPresent()) {
      Path p = base.resolve(policy.get());
      try {
        expiration = ExpirationPolicy.parse(Files.readString(p), p.toString());
      } catch (IOException | ManifestException e) {
        throw repo.error("expiration_policy", e.getMessage());
      }
    }
    List<ApiToken> tokens = new ArrayList<>();
    List<Table> tokenTables = top.tables("tokens");
    for (Table t : tokenTables) {
      t.only("name", "sha256", "scopes");
      Set<Scope> scopes = new LinkedHashSet<>();
      for (String s : t.strings("scopes").orElse(List.of())) {
        try {
          scopes.add(Scope.valueOf(s.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw t.error("scopes", "unknown token scope '" + s + "' (publish, metrics, admin)");
        }
      }
      try {
        tokens.add(
            new ApiToken(
                t.string("name").orElse("token"),
                t.string("sha256").orElseThrow(() -> t.error("sha256", "is required")),
                scopes));
      } catch (IllegalArgumentException e) {
        throw t.error("sha256", e.getMessage());
      }
    }
    String prefix = repo.string("prefix").orElse("metadata");
    if (!prefix.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")
        || Set.of("api", "targets").contains(prefix)) {
      // The server serves metadata under /<prefix>/...: one plain path segment, not another
      // route's.
      throw repo.error(
          "prefix",
          "must be one path segment of letters, digits, '.', '_' or '-', other than api and targets");
    }
    long uploadLimit =
        repo.integer("upload_limit_bytes", 1, Long.MAX_VALUE).orElse(DEFAULT_UPLOAD_LIMIT);
    Duration second = Duration.ofSeconds(1);
    Limits limits =
        new Limits(
            server.duration("idle_timeout", second).orElse(Limits.DEFAULT.idleTimeout()),
            server
                .duration("request_head_timeout", second)
                .orElse(Limits.DEFAULT.requestHeadTimeout()),
            server
                .integer("max_connections", 1, Integer.MAX_VALUE)
                .orElse((long) Limits.DEFAULT.maxConnections())
                .intValue());
    return new ServerConfig(
        server.string("host").orElse("127.0.0.1"),
        server.integer("port", 0, 65535).orElse(8080L).intValue(),
        tls,
        base.resolve(
            repo.string("data_dir").orElseThrow(() -> repo.error("data_dir", "is required"))),
        prefix,
        keys,
        expiration,
        repo.bool("sha512").orElse(false),
        uploadLimit,
        refresh.duration("margin", Duration.ZERO).orElse(Duration.ofDays(3)),
        refresh.duration("interval", second).orElse(Duration.ofMinutes(10)),
        tokens,
        limits,
        server.bool("access_log").orElse(true));
  }

  private static final Pattern DURATION =
      Pattern.compile("(\\d+)\\s*(s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?|w|weeks?)");

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

  /**
   * One TOML table of the file, read strictly: typed getters, and {@link #only} for unknown keys.
   */
  private record Table(Path file, String path, JsonNode node) {
    ConfigFileException error(String key, String problem) {
      return new ConfigFileException(
          file + ": " + (path.isEmpty() ? key : path + "." + key) + ": " + problem);
    }

    void only(String... keys) throws ConfigFileException {
      Set<String> known = Set.of(keys);
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!known.contains(k)) {
          throw error(k, "unknown key (known: " + String.join(", ", keys) + ")");
        }
      }
    }

    private <T> Optional<T> get(String key, String expected, Function<JsonNode, T> value)
        throws ConfigFileException {
      JsonNode v = node.get(key);
      if (v == null) {
        return Optional.empty();
      }
      T t = value.apply(v);
      if (t == null) {
        throw error(key, "expected " + expected);
      }
      return Optional.of(t);
    }

    Table table(String key) throws ConfigFileException {
      return new Table(
          file,
          key,
          get(key, "a table", v -> v.isObject() ? v : null)
              .orElse(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
    }

    List<Table> tables(String key) throws ConfigFileException {
      JsonNode list =
          get(key, "an array of tables ([[" + key + "]])", v -> v.isArray() ? v : null)
              .orElse(null);
      List<Table> out = new ArrayList<>();
      if (list != null) {
        for (int i = 0; i < list.size(); i++) {
          if (!list.get(i).isObject()) {
            throw error(key, "expected an array of tables ([[" + key + "]])");
          }
          out.add(new Table(file, key + "[" + i + "]", list.get(i)));
        }
      }
      return out;
    }

    Optional<String> string(String key) throws ConfigFileException {
      return get(key, "a string", v -> v.isTextual() ? v.textValue() : null);
    }

    Optional<Boolean> bool(String key) throws ConfigFileException {
      return get(key, "true or false", v -> v.isBoolean() ? v.booleanValue() : null);
    }

    Optional<Long> integer(String key, long min, long max) throws ConfigFileException {
      return get(
          key,
          "an integer from " + min + " to " + max,
          v ->
              v.isIntegralNumber()
                      && v.canConvertToLong()
                      && v.longValue() >= min
                      && v.longValue() <= max
                  ? v.longValue()
                  : null);
    }

    Optional<List<String>> strings(String key) throws ConfigFileException {
      return get(
          key,
          "an array of strings",
          v -> {
            if (!v.isArray()) {
              return null;
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : v) {
              if (!e.isTextual()) {
                return null;
              }
              out.add(e.textValue());
            }
            return out;
          });
    }

    Optional<Duration> duration(String key, Duration min) throws ConfigFileException {
      Optional<Duration> d;
      try {
        d = string(key).map(ServerConfig::parseDuration);
      } catch (IllegalArgumentException e) {
        throw error(key, e.getMessage());
      }
      if (d.isPresent() && d.get().compareTo(min) < 0) {
        throw error(key, "must be at least " + min.toSeconds() + " seconds");
      }
      return d;
    }
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
