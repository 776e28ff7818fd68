package dev.keel.reposerver.http;

import dev.keel.reposerver.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds what clients can hold: a cap on open connections shared by every server instance ({@link
 * Cap}), and a request-head deadline per connection: a connection that has not delivered a complete
 * request head within {@code requestHeadTimeout} of opening or of its previous response is closed
 * (a client trickling a header a byte at a time, or an idle keep-alive connection). The idle
 * timeout itself is Vert.x's. One guard per server instance, used on its event loop only.
 */
public final class ConnectionGuard {
  /**
   * The connection cap, shared by all instances. It is the configured cap, lowered so that the
   * descriptors left at start-up keep {@link #RESERVE} free for files and uploads: at the cap, new
   * connections are accepted and closed at once, so accepting never meets "too many open files".
   */
  public static final class Cap {
    static final long RESERVE = 64;
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public Cap(int configured) {
      this.max = (int) Math.max(1, Math.min(configured, descriptorsLeft() - RESERVE));
      preloadLogging();
    }

    /**
     * Loads now what logging a warning needs later. The first warning may come when no descriptor
     * is left (Netty logging a failed accept), and JUL's formatter then loads the time-zone rules
     * from a file: that fails, and the failure killed the acceptor thread for good.
     */
    private static void preloadLogging() {
      new java.util.logging.SimpleFormatter()
          .format(new java.util.logging.LogRecord(java.util.logging.Level.INFO, ""));
      java.time.ZoneId.systemDefault().getRules();
    }

    public int max() {
      return max;
    }

    boolean tryOpen() {
      if (open.incrementAndGet() > max) {
        open.decrementAndGet();
        return false;
      }
      return true;
    }

    void closed() {
      open.decrementAndGet();
    }

    private static long descriptorsLeft() {
      if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
        return unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount();
      }
      return Long.MAX_VALUE;
    }
  }

  /** Since when (System.nanoTime) a connection waits for a request head; -1 while it serves one. */
  private static final class Waiting {
    long since = System.nanoTime();
  }

  private final Cap cap;
  private final long headTimeoutNanos;
  private final Map<HttpConnection, Waiting> connections = new HashMap<>();

  public ConnectionGuard(Cap cap, ServerConfig.Limits limits) {
    this.cap = cap;
    this.headTimeoutNanos = limits.requestHeadTimeout().toNanos();
  }

  /** Checks the head deadlines every quarter of the timeout (at most once a second). */
  public long start(Vertx vertx) {
    long period = Math.max(10, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(headTimeoutNanos) / 4));
    return vertx.setPeriodic(period, id -> sweep());
  }

  /** The server's connection handler. */
  public void connected(HttpConnection connection) {
    if (!cap.tryOpen()) {
      connection.close();
      return;
    }
    connections.put(connection, new Waiting());
    connection.closeHandler(
        v -> {
          cap.closed();
          connections.remove(connection);
        });
  }

  /**
   * A request head arrived on {@code connection}: its deadline stops until the response has been
   * sent. Returns what to run then.
   */
  Runnable requestStarted(HttpConnection connection) {
    Waiting w = connections.get(connection);
    if (w == null) {
      return () -> {};
    }
    w.since = -1;
    return () -> w.since = System.nanoTime();
  }

  private void sweep() {
    long now = System.nanoTime();
    List<HttpConnection> late = new ArrayList<>();
    connections.forEach(
        (c, w) -> {
          if (w.since >= 0 && now - w.since > headTimeoutNanos) {
            late.add(c);
          }
        });
    late.forEach(HttpConnection::close);
  }
}
