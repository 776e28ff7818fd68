package dev.keel.reposerver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.reposerver.store.DevRepository;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process under a low file-descriptor limit ({@code ulimit -n} in the shell that
 * starts it): far more connections than it has descriptors are opened and held, and once they are
 * closed the same process serves again, by itself. An integration test (Failsafe), so that the
 * child runs from the packaged jar as {@code bin/repo-server} does: loading a class from a jar that
 * is already open needs no descriptor, loading it from {@code target/classes} would.
 */
class DescriptorExhaustionIT {
  static final int DESCRIPTORS = 256;

  @TempDir Path dir;

  @Test
  void survivesDescriptorExhaustionAndRecovers() throws Exception {
    DevRepository.initialise(dir, Clock.systemUTC().instant());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("server.toml");
    Files.writeString(
        config,
        """
        [server]
        port = %d
        access_log = false
        request_head_timeout = "60 s"
        [repository]
        data_dir = "."
        signing_keys = ["dev-keys/online.pem"]
        """
            .formatted(port));
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server =
        new ProcessBuilder(
                "bash",
                "-c",
                "ulimit -n " + DESCRIPTORS + " && exec \"$0\" \"$@\"",
                java,
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                cp,
                RepoServer.class.getName(),
                config.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("server.err").toFile())
            .start();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    URI health = URI.create("http://127.0.0.1:" + port + "/healthz");
    try {
      assertTrue(
          listens(port, 30),
          "server did not start: " + Files.readString(dir.resolve("server.err")));
      List<Socket> held = new ArrayList<>();
      for (int i = 0; i < DESCRIPTORS * 2; i++) {
        Socket s = new Socket();
        try {
          s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
          held.add(s);
        } catch (IOException e) {
          s.close(); // the backlog is full: refused, as it should be at the limit
        }
      }
      Thread.sleep(1500); // the server has accepted what it can
      // Requests while at the limit: the server must not break on them.
      for (int i = 0; i < 5; i++) {
        serves(http, health, 1);
      }
      for (Socket s : held) {
        s.close();
      }
      assertTrue(
          serves(http, health, 20),
          "no recovery after the connections closed: "
              + Files.readString(dir.resolve("server.err")));
      assertTrue(server.isAlive());
    } finally {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Whether the port accepts a connection within {@code seconds}: nothing is requested, so nothing
   * is warmed up.
   */
  static boolean listens(int port, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try {
        new Socket("127.0.0.1", port).close();
        return true;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    return false;
  }

  /** Whether {@code uri} answers 200 within {@code seconds}. */
  static boolean serves(HttpClient http, URI uri, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // not yet
      }
      Thread.sleep(200);
    }
    return false;
  }
}
