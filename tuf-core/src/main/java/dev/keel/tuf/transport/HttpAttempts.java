package dev.keel.tuf.transport;

import dev.keel.tuf.error.DownloadException;
import dev.keel.tuf.error.HttpStatusException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connection attempts of one fetch: opens the URL (or resumes it at an offset), classifies the
 * answer and retries what is retryable, within one budget of {@link HttpSettings#tries()} shared by
 * the first request and every resume.
 *
 * <p>Classification (tough's rules): connection errors, timeouts and 5xx are retried after a {@link
 * Backoff} wait; 403, 404 and 410 are not-found on the first request; any other status is fatal. A
 * resume sends {@code Range: bytes=N-}: a 206 must start at N (a different start is fatal), and a
 * 200 (the server ignored the range) is accepted by discarding the first N bytes. Not thread-safe:
 * it belongs to one fetch.
 */
final class HttpAttempts {
  private static final System.Logger LOG = System.getLogger(HttpAttempts.class.getName());
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*", Pattern.CASE_INSENSITIVE);
  private static final int DISCARD_BUFFER = 64 * 1024;

  private final URI url;
  private final String name;
  private final HttpExchange.Client client;
  private final HttpSettings settings;
  private final Sleeper sleeper;
  private int made;

  /**
   * One successful response.
   *
   * @param start offset in the resource of the first byte {@code body} yields
   * @param end offset just past the last byte {@code body} should yield, or -1 if unknown
   * @param total length of the whole resource, or -1 if unknown
   * @param acceptsRanges whether a lost connection may resume with {@code Range}
   */
  record Opened(
      HttpExchange exchange,
      InputStream body,
      long start,
      long end,
      long total,
      boolean acceptsRanges) {

    /** Drops the connection without reading the rest of the body. */
    void abort() {
      exchange.abort();
    }
  }

  HttpAttempts(URI url, HttpExchange.Client client, HttpSettings settings, Sleeper sleeper) {
    this.url = url;
    this.name = url.toString();
    this.client = client;
    this.settings = settings;
    this.sleeper = sleeper;
  }

  String name() {
    return name;
  }

  /**
   * The first request. Empty means not found.
   *
   * @throws DownloadException if the status is fatal or the tries are used up
   */
  Optional<Opened> first() throws DownloadException {
    return open(0, null, "");
  }

  /**
   * Reopens after the body failed with {@code cause} at offset {@code from}; from 0 this is a plain
   * new request. Not-found at this point is a failure: the resource vanished.
   *
   * @throws DownloadException if the status is fatal or the tries are used up
   */
  Opened resume(long from, IOException cause) throws DownloadException {
    String context = "connection lost after " + from + " bytes; ";
    LOG.log(System.Logger.Level.DEBUG, () -> name + ": " + context + cause);
    return open(from, cause, context).orElseThrow();
  }

  private Optional<Opened> open(long from, IOException previous, String context)
      throws DownloadException {
    IOException lastError = previous;
    int lastStatus = -1;
    while (made < settings.tries()) {
      if (made > 0) {
        waitBeforeRetry();
      }
      made++;
      HttpExchange exchange = null;
      try {
        exchange = client.open(url, from);
        int status = exchange.status();
        if (status >= 500) {
          lastStatus = status;
          lastError = null;
          LOG.log(System.Logger.Level.DEBUG, () -> name + ": HTTP " + status + ", try " + made);
          exchange.abort();
          continue;
        }
        if (from == 0 && (status == 403 || status == 404 || status == 410)) {
          exchange.abort();
          if (previous != null) {
            throw new HttpStatusException(name, status, context + "the resource disappeared");
          }
          return Optional.empty();
        }
        if (status == 200) {
          return Optional.of(full(exchange, from));
        }
        if (status == 206 && from > 0) {
          return Optional.of(partial(exchange, from));
        }
        exchange.abort();
        throw new HttpStatusException(
            name,
            status,
            from > 0
                ? context + "unexpected answer to Range: bytes=" + from + "-"
                : "not retryable");
      } catch (IOException e) {
        if (exchange != null) {
          exchange.abort();
        }
        lastError = e;
        lastStatus = -1;
        LOG.log(System.Logger.Level.DEBUG, () -> name + ": " + e + ", try " + made);
      }
    }
    String gaveUp = "gave up after " + made + (made == 1 ? " try" : " tries");
    if (lastStatus != -1) {
      throw new HttpStatusException(name, lastStatus, context + gaveUp);
    }
    throw new TransportFailureException(name, context + gaveUp + ": " + lastError, lastError);
  }

  /** A 200: the whole resource; when resuming, skip what the caller already has. */
  private Opened full(HttpExchange c, long from) throws IOException {
    long length = c.contentLength();
    InputStream body = c.body();
    if (from > 0) {
      discard(body, from);
    }
    return new Opened(c, body, from, length, length, acceptsRanges(c));
  }

  /** A 206 answering {@code Range: bytes=from-}. */
  private Opened partial(HttpExchange c, long from) throws IOException, DownloadException {
    String header = c.header("Content-Range");
    Matcher m = header == null ? null : CONTENT_RANGE.matcher(header);
    if (m == null || !m.matches()) {
      c.abort();
      throw new TransportFailureException(
          name, "resuming at " + from + ": malformed Content-Range " + header, null);
    }
    long start = Long.parseLong(m.group(1));
    long last = Long.parseLong(m.group(2));
    long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
    if (start != from || last < start) {
      c.abort();
      throw new TransportFailureException(
          name, "resuming at " + from + ": server sent Content-Range " + header.trim(), null);
    }
    return new Opened(c, c.body(), from, last + 1, total, true);
  }

  private void discard(InputStream body, long count) throws IOException {
    byte[] scratch = new byte[(int) Math.min(DISCARD_BUFFER, count)];
    long left = count;
    while (left > 0) {
      int n = body.read(scratch, 0, (int) Math.min(scratch.length, left));
      if (n < 0) {
        throw new EOFException("body ended while skipping to offset " + count);
      }
      left -= n;
    }
  }

  private void waitBeforeRetry() throws TransportFailureException {
    try {
      sleeper.sleep(settings.backoff().delay(made));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportFailureException(name, "interrupted while waiting to retry", e);
    }
  }

  private static boolean acceptsRanges(HttpExchange c) {
    String value = c.header("Accept-Ranges");
    if (value == null) {
      return false;
    }
    for (String token : value.toLowerCase(Locale.ROOT).split(",")) {
      if (token.trim().equals("bytes")) {
        return true;
      }
    }
    return false;
  }
}
