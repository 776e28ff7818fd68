package dev.keel.tuf.transport;

import dev.keel.tuf.error.DownloadException;
import dev.keel.tuf.error.LengthLimitExceededException;
import dev.keel.tuf.error.TransportFailureException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link Transport} for {@code http://} and {@code https://} URLs.
 *
 * <p>Plain HTTP runs on our own HTTP/1.1 client over non-blocking socket channels ({@link
 * Http1Client}), which keeps up with curl on large bodies where {@link java.net.HttpURLConnection}
 * reached about 0.65x and {@code java.net.http} about 0.3x on this machine (ADR 0008,
 * bench/transport). HTTPS runs on {@link java.net.HttpURLConnection}, which brings TLS and proxy
 * tunnelling. Both keep connections alive between fetches; {@link #close()} drops the idle ones.
 *
 * <p>Behaviour, after tough's HTTP transport (bottlerocket-update-system.md section 6.2):
 *
 * <ul>
 *   <li>Connection errors, timeouts and 5xx are retried with {@link Backoff}, up to {@link
 *       HttpSettings#tries()} attempts per fetch in total, resumes included. Giving up on 5xx
 *       throws {@link dev.keel.tuf.error.HttpStatusException}; on anything else {@link
 *       TransportFailureException}.
 *   <li>403, 404 and 410 are {@link FetchResult.NotFound} (some object stores answer 403 for a
 *       missing key). Other statuses are fatal {@link dev.keel.tuf.error.HttpStatusException}s.
 *   <li>A body that breaks off resumes with {@code Range: bytes=N-} if the server sent {@code
 *       Accept-Ranges: bytes}; without it, it starts over only if no byte was handed out yet.
 *   <li>{@code maxBytes} is a hard cap: a larger Content-Length fails at once, and a body that runs
 *       past the cap fails on the read that passes it, whatever the headers said.
 *   <li>A body slower than {@link HttpSettings#minimumRate()} fails with {@link
 *       dev.keel.tuf.error.SlowRetrievalException} (not retried).
 *   <li>Proxies come from {@link ProxySettings}; redirects are followed (same protocol only, as the
 *       JDK does); no content encoding is requested.
 * </ul>
 *
 * <p>Every exception message starts with the URL. Thread-safe: each fetch has its own state.
 */
public final class HttpTransport implements Transport, AutoCloseable {
  private final HttpSettings settings;
  private final Sleeper sleeper;
  private final Ticker ticker;
  private final IdleConnections idle;
  private final HttpExchange.Client plain;
  private final UrlConnectionClient tls;

  public HttpTransport(
      HttpSettings settings, ProxySettings proxies, Sleeper sleeper, Ticker ticker) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(proxies, "proxies");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.idle = new IdleConnections(ticker);
    this.plain = new Http1Client(settings, proxies, idle, ticker);
    this.tls = new UrlConnectionClient(settings, proxies);
  }

  /** Real sleeping and the system's monotonic clock. */
  public HttpTransport(HttpSettings settings, ProxySettings proxies) {
    this(settings, proxies, Sleeper.system(), Ticker.system());
  }

  /**
   * {@link HttpSettings#defaults()} and the proxy variables of this process's environment.
   *
   * @throws IllegalArgumentException if a proxy variable is malformed
   */
  public static HttpTransport fromEnvironment() {
    return new HttpTransport(
        HttpSettings.defaults(), ProxySettings.fromEnvironment(System.getenv()));
  }

  /** {@inheritDoc} */
  @Override
  public FetchResult fetch(URI url, long maxBytes) throws DownloadException {
    Objects.requireNonNull(url, "url");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new TransportFailureException(url.toString(), "not an http(s) URL", null);
    }
    try {
      url.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new TransportFailureException(url.toString(), "malformed URL: " + e.getMessage(), e);
    }
    HttpExchange.Client client = scheme.equals("http") ? plain : tls;
    HttpAttempts attempts = new HttpAttempts(url, client, settings, sleeper);
    Optional<HttpAttempts.Opened> opened = attempts.first();
    if (opened.isEmpty()) {
      return new FetchResult.NotFound(url);
    }
    HttpAttempts.Opened first = opened.get();
    if (first.total() > maxBytes) {
      first.abort();
      throw new LengthLimitExceededException(
          url.toString(), maxBytes, "Content-Length is " + first.total());
    }
    RateMonitor monitor = new RateMonitor(settings.minimumRate(), url.toString());
    HttpBodyStream body = new HttpBodyStream(attempts, first, ticker, monitor);
    return new FetchResult.Found(
        url,
        new CappedInputStream(body, maxBytes, url.toString()),
        first.total() >= 0 ? OptionalLong.of(first.total()) : OptionalLong.empty());
  }

  /**
   * Closes the kept-alive plain-HTTP connections and stops the HTTPS head watchdog thread. The
   * transport still works afterwards, without keeping plain-HTTP connections; HTTPS connections are
   * the JDK's to keep.
   */
  @Override
  public void close() {
    idle.close();
    tls.close();
  }
}
