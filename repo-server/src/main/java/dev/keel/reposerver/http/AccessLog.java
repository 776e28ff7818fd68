package dev.keel.reposerver.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.net.SocketAddress;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One line per response, written by a thread of its own: the event loop only hands over a small
 * record, and never formats, locks the stream, waits on a slow stdout or wakes the writer (which
 * looks for new lines every {@link #IDLE_NANOS} when it has nothing to do). When the writer falls
 * {@link #CAPACITY} lines behind, lines are dropped and counted ({@code
 * keel_access_log_dropped_total}) rather than slowing the server. Thread-safe; one per server
 * process.
 */
public final class AccessLog implements AutoCloseable {
  static final int CAPACITY = 65_536;
  private static final int BATCH = 1024;
  private static final long IDLE_NANOS = 10_000_000;

  /** What one line says: when, who (formatted by the writer), what, how it went and how long. */
  record Line(
      long epochMillis,
      SocketAddress remote,
      String method,
      String uri,
      int status,
      long bytes,
      long nanos) {
    /** {@code 2026-01-01T00:00:00.125Z 127.0.0.1:5000 GET /x 200 629 1.3ms}. */
    void appendTo(StringBuilder out, Timestamps times) {
      long tenths = (Math.max(0, nanos) + 50_000) / 100_000; // milliseconds, rounded half up
      times.append(out, epochMillis);
      out.append(' ');
      if (remote == null || remote.path() != null) {
        out.append(remote);
      } else {
        out.append(remote.host()).append(':').append(remote.port()); // as its toString, unjoined
      }
      out.append(' ')
          .append(method)
          .append(' ')
          .append(uri)
          .append(' ')
          .append(status)
          .append(' ')
          .append(bytes)
          .append(' ')
          .append(tenths / 10)
          .append('.')
          .append(tenths % 10)
          .append("ms\n");
    }
  }

  /**
   * Writes instants as {@link Instant#toString} does, keeping the text of the current second. For
   * the writer thread only.
   */
  static final class Timestamps {
    private long second = Long.MIN_VALUE;
    private String secondText;

    void append(StringBuilder out, long epochMillis) {
      long s = Math.floorDiv(epochMillis, 1000);
      int millis = (int) Math.floorMod(epochMillis, 1000);
      if (s != second) {
        String text = Instant.ofEpochSecond(s).toString();
        secondText = text.substring(0, text.length() - 1); // without the Z
        second = s;
      }
      out.append(secondText);
      if (millis != 0) {
        out.append('.').append((char) ('0' + millis / 100));
        out.append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
      }
      out.append('Z');
    }
  }

  private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final PrintStream out;
  private final Counter dropped;
  private final Thread writer;
  private volatile boolean closed;

  public AccessLog(PrintStream out, MeterRegistry registry) {
    this.out = out;
    this.dropped =
        Counter.builder("keel.access.log.dropped")
            .description("Access-log lines dropped: the writer fell behind")
            .register(registry);
    this.writer = new Thread(this::drain, "keel-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  void log(Line line) {
    if (!queue.offer(line)) {
      dropped.increment();
    }
  }

  private void drain() {
    List<Line> batch = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    Timestamps times = new Timestamps();
    while (true) {
      boolean last = closed; // read before draining: lines logged before close() are written
      if (queue.drainTo(batch, BATCH) == 0) {
        if (last) {
          return;
        }
        LockSupport.parkNanos(IDLE_NANOS);
        continue;
      }
      for (Line l : batch) {
        l.appendTo(text, times);
      }
      out.print(text);
      out.flush();
      batch.clear();
      text.setLength(0);
    }
  }

  /** Writes what is queued and stops the writer. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(writer);
    try {
      writer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
