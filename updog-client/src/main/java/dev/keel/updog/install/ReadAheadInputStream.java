package dev.keel.updog.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads {@code source} on a thread of its own, a few chunks ahead of the reader. The installer
 * chains two of them, so that receiving, SHA-256 and LZ4 decoding with the partition write are
 * three stages on threads of their own ({@link ImageInstaller}). At most {@code depth} chunks of
 * {@code chunkSize} bytes are in flight, and chunks are reused, so memory stays bounded.
 *
 * <p>A failure of {@code source} is thrown by the {@code read} that reaches it, after every byte
 * read before it, exactly as reading {@code source} directly would; end of stream (and so the
 * verifying stream's hash check) is reached in the same order. Not thread-safe for readers.
 */
final class ReadAheadInputStream extends InputStream {
  private sealed interface Item permits Chunk, End, Failure {}

  private record Chunk(byte[] bytes, int length) implements Item {}

  private record End() implements Item {}

  private record Failure(Throwable error) implements Item {}

  private final InputStream source;
  private final BlockingQueue<Item> filled;
  private final BlockingQueue<byte[]> free;
  private final Thread reader;
  private Item current;
  private int position;
  private long consumed;
  private long starvedNanos;
  private volatile long backedUpNanos;
  private volatile boolean closed;

  ReadAheadInputStream(InputStream source, int chunkSize, int depth, String name) {
    this.source = source;
    this.filled = new ArrayBlockingQueue<>(depth + 1);
    this.free = new ArrayBlockingQueue<>(depth + 1);
    for (int i = 0; i < depth; i++) {
      free.add(new byte[chunkSize]);
    }
    this.reader = new Thread(this::fill, name);
    reader.setDaemon(true);
    reader.start();
  }

  private void fill() {
    try {
      while (!closed) {
        long waitStart = System.nanoTime();
        byte[] buf = free.take();
        backedUpNanos += System.nanoTime() - waitStart;
        int n = 0;
        try {
          while (n < buf.length) {
            int r = source.read(buf, n, buf.length - n);
            if (r < 0) {
              break;
            }
            n += r;
          }
        } catch (IOException | RuntimeException e) {
          // The bytes read before the failure go first, as a direct reader would have seen them.
          if (n > 0) {
            filled.put(new Chunk(buf, n));
          }
          filled.put(new Failure(e));
          return;
        }
        if (n > 0) {
          filled.put(new Chunk(buf, n));
        }
        if (n < buf.length) {
          filled.put(new End());
          return;
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  /** Time the reader spent waiting for the source: the source is the slower side. */
  long starvedNanos() {
    return starvedNanos;
  }

  /** Time the source side spent waiting for the reader to free a chunk: the reader is slower. */
  long backedUpNanos() {
    return backedUpNanos;
  }

  /** Bytes handed to the reader so far. */
  long consumed() {
    return consumed;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (current == null) {
      long waitStart = System.nanoTime();
      try {
        current = filled.take();
        starvedNanos += System.nanoTime() - waitStart;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading ahead");
      }
      position = 0;
    }
    if (current instanceof Chunk chunk) {
      int n = Math.min(len, chunk.length() - position);
      System.arraycopy(chunk.bytes(), position, b, off, n);
      position += n;
      consumed += n;
      if (position == chunk.length()) {
        free.add(chunk.bytes());
        current = null;
      }
      return n;
    }
    if (current instanceof Failure failure) {
      if (failure.error() instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) failure.error();
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    reader.interrupt();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
