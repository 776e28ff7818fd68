package dev.keel.updog;

import dev.keel.tuf.error.DownloadException;
import dev.keel.tuf.transport.FetchResult;
import dev.keel.tuf.transport.Transport;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * updog's query parameters ("metrics", section 3.4) on every URL it fetches, metadata, manifest and
 * targets alike, sorted by key: {@code seed} and {@code version} always; {@code target} once an
 * update is chosen; {@code migrations} once they are cached. Parameters are added as the run goes.
 */
final class QueryTransport implements Transport {
  private final Transport inner;
  private final SortedMap<String, String> params = new TreeMap<>();

  QueryTransport(Transport inner) {
    this.inner = inner;
  }

  /** Adds (or replaces) {@code key}; every later fetch carries it. */
  void put(String key, String value) {
    params.put(key, value);
  }

  @Override
  public FetchResult fetch(URI url, long maxBytes) throws DownloadException {
    return inner.fetch(withQuery(url), maxBytes);
  }

  URI withQuery(URI url) {
    if (params.isEmpty()) {
      return url;
    }
    String query =
        params.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    String s = url.toString();
    int hash = s.indexOf('#');
    String base = hash < 0 ? s : s.substring(0, hash);
    return URI.create(base + (url.getRawQuery() == null ? "?" : "&") + query);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
