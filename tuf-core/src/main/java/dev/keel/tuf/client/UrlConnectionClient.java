package dev.keel.tuf.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;

/**
 * {@link HttpExchange.Client} on the JDK's {@link HttpURLConnection}, for {@code https://} URLs:
 * TLS, {@code CONNECT} through the {@code https_proxy} of {@link ProxySettings}, kept-alive
 * connections and same-protocol redirects are the JDK's. Plain {@code http://} goes to the faster
 * {@link Http1Client}. Thread-safe.
 */
final class UrlConnectionClient implements HttpExchange.Client {
  private final HttpSettings settings;
  private final ProxySettings proxies;

  UrlConnectionClient(HttpSettings settings, ProxySettings proxies) {
    this.settings = settings;
    this.proxies = proxies;
  }

  @Override
  public HttpExchange open(URI url, long from) throws IOException {
    Proxy proxy =
        proxies
            .proxyFor(url)
            .map(a -> new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(a.host(), a.port())))
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
    try {
      int status = c.getResponseCode();
      return new Exchange(c, status);
    } catch (IOException | RuntimeException e) {
      c.disconnect();
      throw e;
    }
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
