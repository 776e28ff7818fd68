package dev.keel.reposerver.pubsys;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Prints "name: 123 / 1024 MiB" on one terminal line while a stream is read; silent when not a
 * terminal.
 */
final class Progress extends FilterInputStream {
  private final String name;
  private final long total;
  private final PrintStream err;
  private long done;
  private long lastPrint;

  private Progress(InputStream in, String name, long total, PrintStream err) {
    super(in);
    this.name = name;
    this.total = total;
    this.err = err;
  }

  static InputStream wrap(
      InputStream in, String name, long total, PrintStream err, boolean terminal) {
    return terminal ? new Progress(in, name, total, err) : in;
  }

  /** Counts {@code bytes} more and prints at most five times a second. */
  void advance(long bytes) {
    done += bytes;
    long now = System.nanoTime();
    if (now - lastPrint > 200_000_000L || done >= total) {
      lastPrint = now;
      err.printf("\r%s: %d / %d MiB", name, done >> 20, total >> 20);
      if (done >= total) {
        err.println();
      }
    }
  }

  static Progress counter(String name, long total, PrintStream err) {
    return new Progress(InputStream.nullInputStream(), name, total, err);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      advance(n);
    }
    return n;
  }
}
