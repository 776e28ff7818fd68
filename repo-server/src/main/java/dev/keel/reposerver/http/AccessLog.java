package dev.keel.reposerver.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One line per response, written by a thread of its own: the event loop only hands over a small
 * record, and never formats, locks the stream or waits on a slow stdout. When the writer falls
 * {@link #CAPACITY} lines behind, lines are dropped and counted ({@code
 * keel_access_log_dropped_total}) rather than slowing the server. Thread-safe; one per server
 * process.
 */
public final class AccessLog implements AutoCloseable {
  static final int CAPACITY = 65_536;
  private static final int BATCH = 1024;

  /** What one line says. */
  record Line(
      long epochMillis,
      String remote,
      String method,
      String uri,
      int status,
      long bytes,
      long nanos) {
    String format() {
      return Instant.ofEpochMilli(epochMillis)
          + " "
          + remote
          + " "
          + method
          + " "
          + uri
          + " "
          + status
          + " "
          + bytes
          + " "
          + String.format("%.1fms", nanos / 1e6);
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
    while (!closed || !queue.isEmpty()) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        if (closed) {
          queue.drainTo(batch);
        } else {
          continue;
        }
      }
      queue.drainTo(batch, BATCH);
      for (Line l : batch) {
        text.append(l.format()).append('\n');
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
    writer.interrupt();
    try {
      writer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
