package dev.keel.tuf.transport;

import dev.keel.tuf.error.LengthLimitExceededException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Passes at most {@code cap} bytes through, then fails if the source has more.
 *
 * <p>Bulk reads go straight to the source (no copy): a read asks the source for at most {@code cap
 * - position + 1} bytes, so an over-long body is noticed as soon as the source offers one byte past
 * the cap. The bytes up to the cap are handed out, none of the excess, and the next read fails.
 * Failures are {@link DownloadIOException}s: a {@code DownloadIOException} from the source passes
 * through, any other {@code IOException} becomes a {@link TransportFailureException}. After a
 * failure the source is closed and every later read fails the same way.
 */
final class CappedInputStream extends BulkInputStream {
  private final InputStream source;
  private final long cap;
  private final String url;
  private long position;
  private DownloadIOException failure;
  private boolean closed;

  CappedInputStream(InputStream source, long cap, String url) {
    if (cap < 0) {
      throw new IllegalArgumentException("cap must be >= 0: " + cap);
    }
    this.source = Objects.requireNonNull(source, "source");
    this.cap = cap;
    this.url = Objects.requireNonNull(url, "url");
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    checkOpen();
    if (len == 0) {
      return 0;
    }
    long left = cap - position;
    // Ask for one byte more than allowed: getting it proves the body is too long.
    int ask = left < len ? (int) (left + 1) : len;
    int n;
    try {
      n = source.read(b, off, ask);
    } catch (DownloadIOException e) {
      throw fail(e);
    } catch (IOException e) {
      throw fail(
          new DownloadIOException(
              new TransportFailureException(
                  url, "reading failed after " + position + " bytes: " + e, e)));
    }
    if (n > left) {
      DownloadIOException e =
          new DownloadIOException(
              new LengthLimitExceededException(url, cap, "more data after " + cap + " bytes"));
      if (left == 0) {
        throw fail(e);
      }
      // Hand out the bytes up to the cap; the next read reports the excess.
      fail(e);
      position = cap;
      return (int) left;
    }
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public int available() throws IOException {
    checkOpen();
    try {
      return (int) Math.min(source.available(), cap - position);
    } catch (DownloadIOException e) {
      throw fail(e);
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      source.close();
    }
  }

  private void checkOpen() throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (closed) {
      throw new IOException("stream closed: " + url);
    }
  }

  private DownloadIOException fail(DownloadIOException e) {
    failure = e;
    closed = true;
    try {
      source.close();
    } catch (IOException suppressed) {
      e.addSuppressed(suppressed);
    }
    return e;
  }
}
