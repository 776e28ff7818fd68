package dev.keel.tuf.transport;

import dev.keel.tuf.error.DownloadException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;

/**
 * An HTTP body that survives lost connections.
 *
 * <p>Invariants and rules:
 *
 * <ul>
 *   <li>{@code position} counts the bytes handed to the caller; bulk reads go straight to the
 *       connection's stream, so nothing is buffered here and nothing is handed out twice.
 *   <li>A read that fails, or an end of stream before the announced length, resumes at {@code
 *       position}: with {@code Range} if the server accepts ranges, or with a plain new request if
 *       {@code position} is still 0. Otherwise the stream fails with {@link
 *       TransportFailureException}, since bytes already handed out cannot be taken back.
 *   <li>If the resource's total length changes between connections the stream fails: the file was
 *       replaced mid-download.
 *   <li>Successful reads feed the {@link RateMonitor}; failed reads do not (the retry budget bounds
 *       those).
 *   <li>Every failure is a {@link DownloadIOException}; after one, the connection is dropped and
 *       later reads fail the same way.
 * </ul>
 */
final class HttpBodyStream extends BulkInputStream {
  private final HttpAttempts attempts;
  private final Ticker ticker;
  private final RateMonitor monitor;
  private final long total;
  private HttpAttempts.Opened current;
  private long position;
  private boolean eof;
  private boolean closed;
  private DownloadIOException failure;

  HttpBodyStream(
      HttpAttempts attempts, HttpAttempts.Opened first, Ticker ticker, RateMonitor monitor) {
    this.attempts = attempts;
    this.current = first;
    this.ticker = ticker;
    this.monitor = monitor;
    this.total = first.total();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (failure != null) {
      throw failure;
    }
    if (closed) {
      throw new IOException(attempts.name() + ": stream closed");
    }
    if (eof) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      long started = ticker.nanos();
      int n;
      try {
        n = current.body().read(b, off, len);
      } catch (IOException e) {
        resume(e);
        continue;
      }
      try {
        monitor.record(Math.max(n, 0), ticker.nanos() - started);
      } catch (DownloadException e) {
        throw fail(e);
      }
      if (n >= 0) {
        position += n;
        return n;
      }
      // A 206 may answer a shorter range than asked: the whole resource ends at total, not at end.
      long expectedEnd = current.total() >= 0 ? current.total() : current.end();
      if (expectedEnd >= 0 && position < expectedEnd) {
        resume(new EOFException("body ended at " + position + " of " + expectedEnd + " bytes"));
        continue;
      }
      eof = true;
      try {
        current.body().close(); // at the end: frees the connection for the next fetch
      } catch (IOException ignored) {
        // Every byte has arrived; a failure to close cleanly does not make the body wrong.
      }
      return -1;
    }
  }

  @Override
  public int available() throws IOException {
    if (failure != null || closed || eof) {
      return 0;
    }
    try {
      return current.body().available();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (!eof && failure == null) {
        current.abort();
      }
    }
  }

  private void resume(IOException cause) throws DownloadIOException {
    current.abort();
    if (position > 0 && !current.acceptsRanges()) {
      throw fail(
          new TransportFailureException(
              attempts.name(),
              "connection lost after "
                  + position
                  + " bytes and the server does not accept ranges, so the download cannot"
                  + " resume: "
                  + cause,
              cause));
    }
    try {
      current = attempts.resume(position, cause);
    } catch (DownloadException e) {
      throw fail(e);
    }
    if (total >= 0 && current.total() >= 0 && current.total() != total) {
      throw fail(
          new TransportFailureException(
              attempts.name(),
              "the resource changed during the download: length was "
                  + total
                  + ", now "
                  + current.total(),
              null));
    }
  }

  private DownloadIOException fail(DownloadException e) {
    current.abort();
    failure = new DownloadIOException(e);
    return failure;
  }
}
