package dev.keel.tuf.transport;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which HTTP proxy, if any, a URL goes through; read from the usual environment variables.
 *
 * <p>Rules (as curl and reqwest, tough's HTTP library, apply them):
 *
 * <ul>
 *   <li>{@code https://} URLs use {@code https_proxy}, else {@code HTTPS_PROXY}; {@code http://}
 *       URLs use {@code http_proxy}, else {@code HTTP_PROXY}. Empty values count as unset.
 *   <li>A proxy is written {@code http://host:port}, or just {@code host:port}; the port defaults
 *       to 80. Only plain-HTTP proxies are supported (HTTPS goes through them with {@code
 *       CONNECT}); credentials in the value are rejected rather than silently dropped.
 *   <li>{@code no_proxy}, else {@code NO_PROXY}: comma-separated entries. {@code *} bypasses the
 *       proxy for every host. {@code example.com}, {@code .example.com} and {@code *.example.com}
 *       all match {@code example.com} and every subdomain of it. An entry with {@code :port} only
 *       matches that port. IP addresses match literally (CIDR ranges are not supported). Matching
 *       ignores case.
 * </ul>
 *
 * @param httpProxy proxy for {@code http://} URLs
 * @param httpsProxy proxy for {@code https://} URLs
 * @param noProxy parsed {@code NO_PROXY} entries
 */
public record ProxySettings(
    Optional<Address> httpProxy, Optional<Address> httpsProxy, List<NoProxyEntry> noProxy) {

  public ProxySettings {
    Objects.requireNonNull(httpProxy, "httpProxy");
    Objects.requireNonNull(httpsProxy, "httpsProxy");
    noProxy = List.copyOf(noProxy);
  }

  /** Direct connections for every URL. */
  public static ProxySettings none() {
    return new ProxySettings(Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * Reads the proxy variables from {@code env} (pass {@code System.getenv()} in production).
   *
   * @throws IllegalArgumentException if a variable is set but malformed; the message names it
   */
  public static ProxySettings fromEnvironment(Map<String, String> env) {
    return new ProxySettings(
        proxyVariable(env, "http_proxy", "HTTP_PROXY"),
        proxyVariable(env, "https_proxy", "HTTPS_PROXY"),
        firstSet(env, "no_proxy", "NO_PROXY").map(ProxySettings::parseNoProxy).orElse(List.of()));
  }

  /** The proxy {@code url} goes through, or empty for a direct connection. */
  public Optional<Address> proxyFor(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    Optional<Address> proxy =
        switch (scheme) {
          case "http" -> httpProxy;
          case "https" -> httpsProxy;
          default -> Optional.empty();
        };
    if (proxy.isEmpty() || url.getHost() == null) {
      return Optional.empty();
    }
    int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    return bypasses(url.getHost(), port) ? Optional.empty() : proxy;
  }

  /** Whether {@code NO_PROXY} exempts {@code host} (a name or IP literal) on {@code port}. */
  public boolean bypasses(String host, int port) {
    String h = normalizeHost(host);
    return noProxy.stream().anyMatch(e -> e.matches(h, port));
  }

  /** Parses a {@code NO_PROXY} value. */
  public static List<NoProxyEntry> parseNoProxy(String value) {
    List<NoProxyEntry> entries = new ArrayList<>();
    for (String raw : value.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (!entry.isEmpty()) {
        entries.add(NoProxyEntry.parse(entry));
      }
    }
    return List.copyOf(entries);
  }

  private static Optional<Address> proxyVariable(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        try {
          return Optional.of(Address.parse(value));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> firstSet(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private static String normalizeHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** A proxy's host and port. */
  public record Address(String host, int port) {
    public Address {
      Objects.requireNonNull(host, "host");
      if (host.isEmpty()) {
        throw new IllegalArgumentException("proxy host is empty");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("proxy port out of range: " + port);
      }
    }

    /**
     * Parses {@code http://host:port}, {@code host:port}, {@code host} or {@code [v6]:port}; a
     * trailing {@code /} is allowed.
     *
     * @throws IllegalArgumentException for another scheme, credentials, or a bad port
     */
    public static Address parse(String value) {
      String v = value.trim();
      int schemeEnd = v.indexOf("://");
      if (schemeEnd >= 0) {
        String scheme = v.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
          throw new IllegalArgumentException(
              "unsupported proxy scheme \"" + scheme + "\" (only http:// proxies): " + value);
        }
        v = v.substring(schemeEnd + 3);
      }
      int slash = v.indexOf('/');
      if (slash >= 0) {
        v = v.substring(0, slash);
      }
      if (v.contains("@")) {
        throw new IllegalArgumentException("proxy credentials are not supported");
      }
      String host;
      String port = null;
      if (v.startsWith("[")) {
        int close = v.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("unclosed IPv6 literal in proxy: " + value);
        }
        host = v.substring(1, close);
        String rest = v.substring(close + 1);
        if (rest.startsWith(":")) {
          port = rest.substring(1);
        } else if (!rest.isEmpty()) {
          throw new IllegalArgumentException("malformed proxy: " + value);
        }
      } else {
        int colon = v.lastIndexOf(':');
        host = colon >= 0 ? v.substring(0, colon) : v;
        port = colon >= 0 ? v.substring(colon + 1) : null;
      }
      if (port == null) {
        return new Address(host, 80);
      }
      try {
        return new Address(host, Integer.parseInt(port));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("malformed proxy port in " + value, e);
      }
    }
  }

  /**
   * One {@code NO_PROXY} entry.
   *
   * @param domain lower-case host name, IP literal or {@code *}; no leading dot
   * @param port the only port it applies to, or -1 for every port
   */
  public record NoProxyEntry(String domain, int port) {
    public NoProxyEntry {
      Objects.requireNonNull(domain, "domain");
    }

    static NoProxyEntry parse(String entry) {
      String host = entry;
      int port = -1;
      if (host.startsWith("[")) {
        int close = host.indexOf(']');
        if (close > 0) {
          String rest = host.substring(close + 1);
          host = host.substring(1, close);
          port = rest.startsWith(":") ? parsePort(rest.substring(1)) : -1;
        }
      } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') >= 0) {
        // Exactly one colon: host:port. More than one is a bare IPv6 literal.
        int colon = host.indexOf(':');
        port = parsePort(host.substring(colon + 1));
        host = host.substring(0, colon);
      }
      if (host.startsWith("*.")) {
        host = host.substring(2);
      } else if (host.startsWith(".")) {
        host = host.substring(1);
      }
      if (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      return new NoProxyEntry(host, port);
    }

    boolean matches(String host, int requestPort) {
      if (port != -1 && port != requestPort) {
        return false;
      }
      return domain.equals("*")
          || host.equals(domain)
          || (host.endsWith(domain) && host.charAt(host.length() - domain.length() - 1) == '.');
    }

    private static int parsePort(String port) {
      try {
        return Integer.parseInt(port);
      } catch (NumberFormatException e) {
        return -1; // curl ignores a bad port too: the entry then matches every port
      }
    }
  }
}
