package dev.keel.tuf.transport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Kept-alive HTTP/1.1 connections waiting for their next request, per endpoint ({@code host:port}
 * of the server or proxy connected to). A connection comes back here only after its response was
 * read to the end. One that sat longer than {@link #MAX_IDLE}, or that the server closed meanwhile,
 * is dropped when taken. Thread-safe.
 */
final class IdleConnections implements AutoCloseable {
  /** Below the keep-alive timeouts common servers use (nginx 75 s, Jetty 30 s, Go 90 s). */
  static final Duration MAX_IDLE = Duration.ofSeconds(20);

  static final int MAX_PER_ENDPOINT = 4;

  private final Ticker ticker;
  private final Map<String, Deque<Parked>> idle = new HashMap<>();
  private boolean closed;

  /** A connection and when it was put here ({@link Ticker#nanos()}). */
  private record Parked(Http1Channel channel, long since) {}

  IdleConnections(Ticker ticker) {
    this.ticker = ticker;
  }

  /** A connection to {@code endpoint} that still looks usable, or {@code null}. */
  Http1Channel take(String endpoint) {
    while (true) {
      Parked parked;
      synchronized (this) {
        Deque<Parked> queue = idle.get(endpoint);
        parked = queue == null ? null : queue.pollFirst();
      }
      if (parked == null) {
        return null;
      }
      if (ticker.nanos() - parked.since() < MAX_IDLE.toNanos() && parked.channel().idleAndOpen()) {
        return parked.channel();
      }
      parked.channel().close();
    }
  }

  /** Keeps {@code channel} for the next request to {@code endpoint}, newest first. */
  void give(String endpoint, Http1Channel channel) {
    Parked parked = new Parked(channel, ticker.nanos());
    Http1Channel evicted = null;
    synchronized (this) {
      if (closed) {
        evicted = channel;
      } else {
        Deque<Parked> queue = idle.computeIfAbsent(endpoint, k -> new ArrayDeque<>());
        queue.addFirst(parked);
        if (queue.size() > MAX_PER_ENDPOINT) {
          evicted = queue.pollLast().channel();
        }
      }
    }
    if (evicted != null) {
      evicted.close();
    }
  }

  /** Closes every idle connection; later ones are closed instead of kept. */
  @Override
  public void close() {
    Map<String, Deque<Parked>> all;
    synchronized (this) {
      closed = true;
      all = new HashMap<>(idle);
      idle.clear();
    }
    all.values().forEach(queue -> queue.forEach(p -> p.channel().close()));
  }
}
