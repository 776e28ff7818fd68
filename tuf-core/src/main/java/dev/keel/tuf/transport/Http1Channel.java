package dev.keel.tuf.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One TCP connection for {@link Http1Connector}: a non-blocking {@link SocketChannel} that waits on
 * its own {@link Selector}, so every wait has a timeout, and reads through one direct buffer.
 *
 * <p>Why not {@code java.net.Socket}: its stream reads (as {@link java.net.HttpURLConnection} uses
 * them) reached about 0.65x curl's throughput on loopback here, where a channel reading 64 KiB at a
 * time into a direct buffer and copying out reaches curl (bench/transport). Not thread-safe.
 */
final class Http1Channel implements AutoCloseable {
  /** Small enough to stay in cache between the kernel's copy in and ours out. */
  private static final int BUFFER_SIZE = 64 * 1024;

  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_SIZE).flip();
  private final long readTimeoutMillis;
  private final String peer;
  private final Ticker ticker;
  private long deadline; // ticker time by which the response head must be complete
  private boolean deadlineSet;

  private Http1Channel(
      SocketChannel channel,
      Selector selector,
      SelectionKey key,
      Duration readTimeout,
      String peer,
      Ticker ticker) {
    this.channel = channel;
    this.selector = selector;
    this.key = key;
    this.readTimeoutMillis = readTimeout.toMillis();
    this.peer = peer;
    this.ticker = ticker;
  }

  /**
   * Connects to {@code host}, trying each of its addresses in turn, each within {@code
   * connectTimeout}. The response-head deadline runs on {@code ticker}.
   *
   * @throws IOException the last address's failure, or {@link java.net.UnknownHostException}
   */
  static Http1Channel connect(
      String host, int port, Duration connectTimeout, Duration readTimeout, Ticker ticker)
      throws IOException {
    IOException last = null;
    for (InetAddress address : InetAddress.getAllByName(host)) {
      try {
        return connect(new InetSocketAddress(address, port), connectTimeout, readTimeout, ticker);
      } catch (IOException e) {
        if (last != null) {
          e.addSuppressed(last);
        }
        last = e;
      }
    }
    throw last;
  }

  private static Http1Channel connect(
      InetSocketAddress address, Duration connectTimeout, Duration readTimeout, Ticker ticker)
      throws IOException {
    SocketChannel channel = SocketChannel.open();
    Selector selector = null;
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      selector = Selector.open();
      SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
      if (!channel.connect(address)) {
        if (selector.select(connectTimeout.toMillis()) == 0) {
          throw new SocketTimeoutException(
              "connect to " + address + " timed out after " + connectTimeout.toMillis() + " ms");
        }
        if (!channel.finishConnect()) {
          throw new ConnectException("connect to " + address + " did not complete");
        }
      }
      key.interestOps(SelectionKey.OP_READ);
      return new Http1Channel(channel, selector, key, readTimeout, address.toString(), ticker);
    } catch (IOException | RuntimeException e) {
      channel.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  /** Writes all of {@code out}, waiting at most the read timeout for room each time. */
  void write(ByteBuffer out) throws IOException {
    while (out.hasRemaining()) {
      if (channel.write(out) == 0) {
        await(SelectionKey.OP_WRITE, "sending the request");
      }
    }
  }

  /**
   * Reads up to {@code len} bytes, waiting at most the read timeout for the first one.
   *
   * @return the count, at least 1, or -1 at the end of the stream
   * @throws SocketTimeoutException if nothing arrived in time
   */
  int read(byte[] b, int off, int len) throws IOException {
    if (!in.hasRemaining() && !fill()) {
      return -1;
    }
    int n = Math.min(len, in.remaining());
    in.get(b, off, n);
    return n;
  }

  /**
   * One byte, for parsing heads and chunk lines.
   *
   * @throws EOFException at the end of the stream
   */
  int readByte() throws IOException {
    if (!in.hasRemaining() && !fill()) {
      throw new EOFException("connection to " + peer + " closed");
    }
    return in.get() & 0xff;
  }

  /**
   * Bounds everything read until {@link #clearDeadline()} (a response head) by one total time, on
   * top of the per-read timeout: a head that trickles in a byte at a time must still end in time.
   */
  void startDeadline() {
    deadline = ticker.nanos() + readTimeoutMillis * 1_000_000L;
    deadlineSet = true;
  }

  void clearDeadline() {
    deadlineSet = false;
  }

  /** Bytes already received and not yet read. */
  int buffered() {
    return in.remaining();
  }

  /**
   * Whether an idle connection still looks usable: open, with nothing unexpected waiting (a server
   * that closed it, or sent bytes nobody asked for, makes it unusable).
   */
  boolean idleAndOpen() {
    if (!channel.isOpen() || in.hasRemaining()) {
      return false;
    }
    try {
      in.clear();
      int n = channel.read(in);
      in.flip();
      return n == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing to do: the connection is gone either way.
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // Same.
    }
  }

  /** Refills the empty buffer; false at the end of the stream. */
  private boolean fill() throws IOException {
    in.clear();
    try {
      while (true) {
        int n = channel.read(in);
        if (n > 0) {
          return true;
        }
        if (n < 0) {
          return false;
        }
        await(SelectionKey.OP_READ, "waiting for data");
      }
    } finally {
      in.flip();
    }
  }

  private void await(int op, String what) throws IOException {
    long timeout = readTimeoutMillis;
    if (deadlineSet) {
      long left = (deadline - ticker.nanos()) / 1_000_000L;
      if (left <= 0) {
        throw new SocketTimeoutException(
            "response head from " + peer + " not complete after " + readTimeoutMillis + " ms");
      }
      timeout = Math.min(timeout, left);
    }
    key.interestOps(op);
    int ready = selector.select(timeout);
    selector.selectedKeys().clear();
    if (ready == 0 && Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted while " + what + " from " + peer);
    }
    if (ready == 0 && timeout < readTimeoutMillis) { // the deadline, not the wait, ran out
      throw new SocketTimeoutException(
          "response head from " + peer + " not complete after " + readTimeoutMillis + " ms");
    }
    if (ready == 0) {
      throw new SocketTimeoutException(
          "read timed out after " + readTimeoutMillis + " ms " + what + " from " + peer);
    }
  }
}
