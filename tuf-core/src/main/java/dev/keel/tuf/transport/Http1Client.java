package dev.keel.tuf.transport;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link HttpExchange.Client} for plain {@code http://} URLs, on {@link Http1Channel}s: one GET per
 * exchange, kept-alive connections reused through {@link IdleConnections}, the {@code http_proxy}
 * of {@link ProxySettings} addressed with absolute URIs, and redirects to other {@code http://}
 * URLs followed (at most {@link #MAX_REDIRECTS}; a redirect elsewhere is returned as it is, as
 * {@link java.net.HttpURLConnection} does).
 *
 * <p>A reused connection that fails before its answer arrived (the server closed it while idle) is
 * retried once on a new connection: that is not a failure of the server. Thread-safe.
 */
final class Http1Client implements HttpExchange.Client {
  static final int MAX_REDIRECTS = 10;

  private final HttpSettings settings;
  private final ProxySettings proxies;
  private final IdleConnections idle;
  private final Ticker ticker;

  Http1Client(HttpSettings settings, ProxySettings proxies, IdleConnections idle, Ticker ticker) {
    this.settings = settings;
    this.proxies = proxies;
    this.idle = idle;
    this.ticker = ticker;
  }

  @Override
  public HttpExchange open(URI url, long from) throws IOException {
    URI current = url;
    for (int redirects = 0; ; redirects++) {
      Http1Response response = send(current, from);
      String location = response.header("Location");
      if (!isRedirect(response.status()) || location == null) {
        return response;
      }
      URI next;
      try {
        next = current.resolve(new URI(location));
      } catch (URISyntaxException e) {
        response.abort();
        throw new ProtocolException(
            "malformed Location in HTTP " + response.status() + ": " + location);
      }
      if (!"http".equalsIgnoreCase(next.getScheme())) {
        return response;
      }
      response.abort();
      if (redirects == MAX_REDIRECTS) {
        throw new ProtocolException(
            "more than " + MAX_REDIRECTS + " redirects, the last to " + next);
      }
      current = next;
    }
  }

  private Http1Response send(URI url, long from) throws IOException {
    String host = url.getHost();
    if (host == null) {
      throw new ProtocolException("no host in " + url);
    }
    int port = url.getPort() == -1 ? 80 : url.getPort();
    Optional<ProxySettings.Address> proxy = proxies.proxyFor(url);
    String connectHost = proxy.map(ProxySettings.Address::host).orElse(host);
    int connectPort = proxy.map(ProxySettings.Address::port).orElse(port);
    String endpoint = connectHost + ":" + connectPort;
    byte[] request = request(url, host, port, proxy.isPresent(), from);

    Http1Channel reused = idle.take(endpoint);
    if (reused != null) {
      try {
        return exchange(reused, endpoint, request);
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        // Most likely closed by the server while idle: one more go on a new connection.
      }
    }
    Http1Channel fresh =
        Http1Channel.connect(
            unbracket(connectHost),
            connectPort,
            settings.connectTimeout(),
            settings.readTimeout(),
            ticker);
    return exchange(fresh, endpoint, request);
  }

  private Http1Response exchange(Http1Channel channel, String endpoint, byte[] request)
      throws IOException {
    try {
      channel.write(ByteBuffer.wrap(request));
      return Http1Response.read(channel, c -> idle.give(endpoint, c));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private byte[] request(URI url, String host, int port, boolean viaProxy, long from) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    String hostHeader = url.getPort() == -1 ? host : host + ":" + port;
    String target = viaProxy ? "http://" + hostHeader + path + query : path + query;
    StringBuilder r = new StringBuilder(256);
    r.append("GET ").append(target).append(" HTTP/1.1\r\n");
    r.append("Host: ").append(hostHeader).append("\r\n");
    r.append("User-Agent: ").append(settings.userAgent()).append("\r\n");
    r.append("Accept: */*\r\n");
    if (from > 0) {
      r.append("Range: bytes=").append(from).append("-\r\n");
    }
    r.append("\r\n");
    return r.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** IPv6 literals come bracketed in URIs and go unbracketed to the resolver. */
  private static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1).toLowerCase(Locale.ROOT)
        : host;
  }
}
