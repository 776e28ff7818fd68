package dev.keel.tuf.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link HttpExchange.Client} on the JDK's {@link HttpURLConnection}, for {@code https://} URLs:
 * TLS, {@code CONNECT} through the {@code https_proxy} of {@link ProxySettings}, kept-alive
 * connections and same-protocol redirects are the JDK's. Plain {@code http://} goes to the faster
 * {@link Http1Client}.
 *
 * <p>The JDK bounds each read, not a whole response head, so a server trickling its head a byte at
 * a time could hold a fetch for days. A watchdog thread (one per client, started on first use,
 * stopped by {@link #close()}) disconnects a connection whose head has not arrived within the
 * connect plus the read timeout. Thread-safe.
 */
final class UrlConnectionClient implements HttpExchange.Client, AutoCloseable {
  private final HttpSettings settings;
  private final ProxySettings proxies;
  private ScheduledExecutorService watchdog;

  UrlConnectionClient(HttpSettings settings, ProxySettings proxies) {
    this.settings = settings;
    this.proxies = proxies;
  }

  @Override
  public HttpExchange open(URI url, long from) throws IOException {
    Proxy proxy =
        proxies
            .proxyFor(url)
            .map(
                a ->
                    new Proxy(
                        Proxy.Type.HTTP, InetSocketAddress.createUnresolved(a.host(), a.port())))
            .orElse(Proxy.NO_PROXY);
    HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection(proxy);
    c.setConnectTimeout((int) settings.connectTimeout().toMillis());
    c.setReadTimeout((int) settings.readTimeout().toMillis());
    c.setUseCaches(false);
    c.setInstanceFollowRedirects(true);
    c.setRequestProperty("User-Agent", settings.userAgent());
    c.setRequestProperty("Accept", "*/*");
    if (from > 0) {
      c.setRequestProperty("Range", "bytes=" + from + "-");
    }
    long limit = settings.connectTimeout().toMillis() + settings.readTimeout().toMillis();
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> timer =
        watchdog()
            .schedule(
                () -> {
                  expired.set(true);
                  c.disconnect();
                },
                limit,
                TimeUnit.MILLISECONDS);
    try {
      int status = c.getResponseCode();
      timer.cancel(false);
      if (expired.get()) {
        throw new SocketTimeoutException("response head not complete after " + limit + " ms");
      }
      return new Exchange(c, status);
    } catch (IOException | RuntimeException e) {
      timer.cancel(false);
      c.disconnect();
      if (expired.get() && !(e instanceof SocketTimeoutException)) {
        throw new SocketTimeoutException("response head not complete after " + limit + " ms");
      }
      throw e;
    }
  }

  /** Stops the watchdog thread; later fetches start a new one. */
  @Override
  public synchronized void close() {
    if (watchdog != null) {
      watchdog.shutdownNow();
      watchdog = null;
    }
  }

  private synchronized ScheduledExecutorService watchdog() {
    if (watchdog == null) {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread t = new Thread(task, "keel-http-head-watchdog");
                t.setDaemon(true);
                return t;
              });
      executor.setRemoveOnCancelPolicy(true);
      watchdog = executor;
    }
    return watchdog;
  }

  private record Exchange(HttpURLConnection connection, int status) implements HttpExchange {
    @Override
    public String header(String name) {
      return connection.getHeaderField(name);
    }

    @Override
    public long contentLength() {
      return connection.getHeaderField("Transfer-Encoding") != null
          ? -1
          : connection.getContentLengthLong();
    }

    @Override
    public InputStream body() throws IOException {
      return connection.getInputStream();
    }

    @Override
    public void abort() {
      connection.disconnect();
    }
  }
}
