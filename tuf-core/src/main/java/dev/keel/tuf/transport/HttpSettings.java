package dev.keel.tuf.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How {@link HttpTransport} talks HTTP. {@link #defaults()} follows tough's {@code
 * HttpTransportBuilder::default}.
 *
 * @param connectTimeout limit on establishing a TCP (and TLS) connection; default 10 s
 * @param readTimeout limit on each wait for data: the response head, then every read of the body;
 *     default 30 s. A stalled body is therefore noticed after at most this long. It also bounds the
 *     whole response head (over HTTPS, connecting and the head together get {@code connectTimeout +
 *     readTimeout}), so a head sent a byte at a time fails in time; the {@link #minimumRate()}
 *     check covers the body.
 * @param tries connection attempts per fetch, the first included, shared by the initial request and
 *     every resume; default 4
 * @param backoff waits between tries; default 100 ms, times 1.5, at most 1 s
 * @param minimumRate slow-retrieval protection; default 1 KiB/s over 10 s windows after 10 s
 * @param userAgent the {@code User-Agent} header, printable ASCII; default {@code
 *     keel-tuf/<version>}
 */
public record HttpSettings(
    Duration connectTimeout,
    Duration readTimeout,
    int tries,
    Backoff backoff,
    MinimumRate minimumRate,
    String userAgent) {

  /** {@code keel-tuf/<project version>}. */
  public static final String DEFAULT_USER_AGENT = "keel-tuf/" + version();

  public HttpSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(minimumRate, "minimumRate");
    Objects.requireNonNull(userAgent, "userAgent");
    requireMillis("connectTimeout", connectTimeout);
    requireMillis("readTimeout", readTimeout);
    if (!userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("userAgent must be printable ASCII: " + userAgent.strip());
    }
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be >= 1: " + tries);
    }
  }

  public static HttpSettings defaults() {
    return new HttpSettings(
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        4,
        Backoff.DEFAULT,
        MinimumRate.DEFAULT,
        DEFAULT_USER_AGENT);
  }

  public HttpSettings withTimeouts(Duration connectTimeout, Duration readTimeout) {
    return new HttpSettings(connectTimeout, readTimeout, tries, backoff, minimumRate, userAgent);
  }

  public HttpSettings withTries(int tries) {
    return new HttpSettings(connectTimeout, readTimeout, tries, backoff, minimumRate, userAgent);
  }

  public HttpSettings withMinimumRate(MinimumRate minimumRate) {
    return new HttpSettings(connectTimeout, readTimeout, tries, backoff, minimumRate, userAgent);
  }

  private static void requireMillis(String name, Duration d) {
    // HttpURLConnection takes int milliseconds, where 0 means "wait forever".
    if (d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be between 1 ms and ~24 days: " + d);
    }
  }

  private static String version() {
    try (InputStream in = HttpSettings.class.getResourceAsStream("keel-tuf.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
