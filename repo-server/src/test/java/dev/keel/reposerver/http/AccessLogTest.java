package dev.keel.reposerver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.net.SocketAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AccessLogTest {
  static AccessLog.Line line(int i) {
    return new AccessLog.Line(
        1_767_225_600_000L,
        SocketAddress.inetSocketAddress(5000, "127.0.0.1"),
        "GET",
        "/metadata/a/b/timestamp.json?n=" + i,
        200,
        629,
        1_250_000);
  }

  @Test
  void writesEveryLineInOrderOnItsOwnThread() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (AccessLog log =
        new AccessLog(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      for (int i = 0; i < 1000; i++) {
        log.log(line(i));
      }
    }
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(1000, lines.length);
    assertEquals(
        "2026-01-01T00:00:00Z 127.0.0.1:5000 GET /metadata/a/b/timestamp.json?n=0 200 629 1.3ms",
        lines[0]);
    assertTrue(lines[999].contains("?n=999 "));
  }

  @Test
  void timesReadAsInstantsDo() {
    AccessLog.Timestamps times = new AccessLog.Timestamps();
    for (long millis :
        new long[] {0, 1, 10, 999, 1_000, 1_767_225_600_125L, 1_767_225_600_999L, -1, -1_001}) {
      StringBuilder out = new StringBuilder();
      times.append(out, millis);
      assertEquals(java.time.Instant.ofEpochMilli(millis).toString(), out.toString());
    }
  }

  @Test
  void aStuckOutputNeverBlocksTheCallerAndDropsAreCounted() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    OutputStream stuck =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            try {
              never.await();
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
          }
        };
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AccessLog log = new AccessLog(new PrintStream(stuck, true), registry);
    long start = System.nanoTime();
    int n = AccessLog.CAPACITY + 10_000;
    for (int i = 0; i < n; i++) {
      log.log(line(i));
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 5_000, "logging took " + millis + " ms");
    double dropped = registry.get("keel.access.log.dropped").counter().count();
    assertTrue(
        dropped >= n - AccessLog.CAPACITY - 2 * 1025 && dropped <= n - AccessLog.CAPACITY,
        "dropped " + dropped);
  }
}
