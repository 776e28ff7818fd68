package dev.keel.reposerver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.reposerver.ServerConfig;
import dev.keel.reposerver.ServerFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Idle and request-head timeouts and the connection cap, on a real server with short limits. */
@ExtendWith(VertxExtension.class)
class ConnectionLimitsIT {
  @TempDir Path dir;

  ServerFixture server(Vertx vertx, ServerConfig.Limits limits) throws Exception {
    return new ServerFixture(
        vertx,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        dir,
        Clock.systemUTC(),
        c -> c.withLimits(limits));
  }

  @Test
  void aHeadTrickledTooSlowlyOrNeverSentIsClosed(Vertx vertx) throws Exception {
    ServerFixture server =
        server(vertx, new ServerConfig.Limits(Duration.ofSeconds(30), Duration.ofMillis(500), 100));
    try (Socket silent = connect(server);
        Socket trickle = connect(server)) {
      OutputStream out = trickle.getOutputStream();
      long start = System.nanoTime();
      for (byte b :
          "GET /healthz HTTP/1.1\r\nHost: a\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
        try {
          out.write(b);
          out.flush();
        } catch (java.io.IOException closed) {
          break;
        }
        Thread.sleep(100);
        if (System.nanoTime() - start > 5_000_000_000L) {
          break;
        }
      }
      assertTrue(closedWithin(trickle, 5), "a trickled head was not cut off");
      assertTrue(closedWithin(silent, 5), "a connection that never sent a request was not closed");
    }
    // A kept-alive connection gets the same deadline again after each response.
    try (Socket keptAlive = connect(server)) {
      keptAlive
          .getOutputStream()
          .write("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] head = new byte[12];
      assertEquals(12, keptAlive.getInputStream().readNBytes(head, 0, 12));
      assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
      assertTrue(closedWithin(keptAlive, 5));
    }
  }

  @Test
  void anIdleConnectionIsClosed(Vertx vertx) throws Exception {
    ServerFixture server =
        server(vertx, new ServerConfig.Limits(Duration.ofSeconds(1), Duration.ofSeconds(30), 100));
    try (Socket stalled = connect(server)) {
      // A request whose body stops coming: past the head, so only the idle timeout applies.
      stalled
          .getOutputStream()
          .write(
              ("PUT /api/v1/uploads HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer "
                      + ServerFixture.PUBLISH_TOKEN
                      + "\r\nContent-Length: 1000\r\n\r\nabc")
                  .getBytes(StandardCharsets.US_ASCII));
      assertTrue(closedWithin(stalled, 5), "a stalled body was not cut off");
    }
  }

  @Test
  void connectionsBeyondTheCapAreClosedAndTheCapFreesUp(Vertx vertx) throws Exception {
    ServerFixture server =
        server(vertx, new ServerConfig.Limits(Duration.ofSeconds(30), Duration.ofSeconds(30), 3));
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(connect(server));
    }
    Thread.sleep(300);
    try (Socket extra = connect(server)) {
      assertTrue(closedWithin(extra, 5), "a fourth connection was kept");
    }
    held.remove(0).close();
    Thread.sleep(300);
    try (Socket again = connect(server)) {
      again.setSoTimeout(10_000);
      again
          .getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      assertTrue(
          new String(again.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
              .startsWith("HTTP/1.1 200"));
    }
    for (Socket s : held) {
      s.close();
    }
  }

  @Test
  void aClientThatResetsItsConnectionMidResponseIsNotLoggedAsAnError(Vertx vertx) throws Exception {
    ServerFixture server =
        server(vertx, new ServerConfig.Limits(Duration.ofSeconds(30), Duration.ofSeconds(30), 100));
    List<LogRecord> severe = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              severe.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger vertxLog = Logger.getLogger("io.vertx");
    Level before = vertxLog.getLevel();
    vertxLog.setLevel(Level.ALL);
    vertxLog.addHandler(capture);
    try {
      String target = bigTarget(server);
      for (int round = 0; round < 3; round++) {
        try (Socket s = connect(server)) {
          s.getOutputStream()
              .write(
                  ("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n")
                      .getBytes(StandardCharsets.US_ASCII));
          // Part of the body, then a reset (SO_LINGER 0, then close) while the server still sends.
          s.getInputStream().readNBytes(64 * 1024);
          s.setSoLinger(true, 0);
        }
      }
      Thread.sleep(300);
      // The server still answers.
      try (Socket s = connect(server)) {
        s.getOutputStream()
            .write("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] head = new byte[12];
        assertEquals(12, s.getInputStream().readNBytes(head, 0, 12));
        assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
      }
    } finally {
      vertxLog.removeHandler(capture);
      vertxLog.setLevel(before);
    }
    assertEquals(
        List.of(),
        severe.stream()
            .map(r -> r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage())
            .toList(),
        "resets are routine, not errors");
  }

  /** The request path of a published 48 MiB target. */
  private static String bigTarget(ServerFixture server) throws Exception {
    byte[] big = new byte[48 << 20];
    new Random(1).nextBytes(big);
    var published =
        server.publish(
            "aws-k8s",
            "x86_64",
            server.releaseBody(
                "aws-k8s",
                "x86_64",
                "1.0.0",
                "",
                kind -> kind.equals("root") ? big : kind.getBytes(StandardCharsets.UTF_8)));
    assertTrue(published.statusCode() / 100 == 2, published.body());
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big));
    return server.targetsUri().getPath() + sha + ".bottlerocket-aws-k8s-x86_64-1.0.0-root.ext4.lz4";
  }

  static Socket connect(ServerFixture server) throws Exception {
    Socket s = new Socket("127.0.0.1", server.verticle.actualPort());
    s.setSoTimeout(200);
    return s;
  }

  /** Whether the server closes {@code s} within {@code seconds} (reads are drained). */
  static boolean closedWithin(Socket s, int seconds) throws Exception {
    InputStream in = s.getInputStream();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    byte[] buf = new byte[4096];
    while (System.nanoTime() < deadline) {
      try {
        if (in.read(buf) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (java.io.IOException reset) {
        return true;
      }
    }
    return false;
  }
}
