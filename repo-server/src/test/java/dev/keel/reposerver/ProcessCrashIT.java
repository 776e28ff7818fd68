package dev.keel.reposerver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.manifest.Manifest;
import dev.keel.reposerver.store.DevRepository;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.transport.HttpSettings;
import dev.keel.tuf.transport.HttpTransport;
import dev.keel.tuf.transport.ProxySettings;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real server process (destroyForcibly, i.e. SIGKILL) at random points while it publishes,
 * restarts it, and checks each time that a host's client verifies the repository and that no
 * acknowledged release was lost.
 */
class ProcessCrashIT {
  static final String TOKEN = "crash-test-token";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  int port;

  @Test
  void killedAtRandomPointsTheRepositoryStillVerifies() throws Exception {
    DevRepository.initialise(dir, Clock.systemUTC().instant());
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("server.toml");
    Files.writeString(
        config,
        """
        [server]
        host = "127.0.0.1"
        port = %d
        access_log = false
        [repository]
        data_dir = "."
        prefix = "metadata"
        signing_keys = ["dev-keys/online.pem"]
        [[tokens]]
        name = "crash"
        sha256 = "%s"
        scopes = ["admin"]
        """
            .formatted(port, DevTokens.sha256(TOKEN)));
    Random random = new Random(7);
    int acknowledged = 0;
    int killedMidPublish = 0;
    Process server = start(config);
    try {
      for (int i = 0; i < 20; i++) {
        String version = "1.0." + i;
        CompletableFuture<Boolean> publish =
            CompletableFuture.supplyAsync(() -> publishQuietly(version));
        Thread.sleep(random.nextInt(120));
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        boolean ok = publish.join();
        if (ok) {
          acknowledged++;
        } else {
          killedMidPublish++;
        }
        server = start(config);
        int releases = verifiedReleases();
        assertTrue(
            releases >= acknowledged && releases <= i + 1,
            "iteration " + i + ": " + releases + " releases, " + acknowledged + " acknowledged");
        acknowledged = releases; // a publish may have landed although its response was lost
      }
      assertTrue(killedMidPublish > 0, "the kill never interrupted a publish");
      // The server still publishes normally afterwards.
      assertTrue(publishQuietly("2.0.0"));
      assertTrue(verifiedReleases() == acknowledged + 1);
    } finally {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process start(Path config) throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                cp,
                RepoServer.class.getName(),
                config.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(dir.resolve("server.err").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(base() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return p;
        }
      } catch (java.io.IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError(
        "server did not start: " + Files.readString(dir.resolve("server.err")));
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private boolean publishQuietly(String version) {
    try {
      StringBuilder images = new StringBuilder();
      for (String kind : new String[] {"boot", "root", "hash"}) {
        byte[] content = new byte[256 * 1024];
        new Random(version.hashCode() * 31L + kind.hashCode()).nextBytes(content);
        HttpResponse<String> up =
            http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/uploads"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (up.statusCode() != 201) {
          return false;
        }
        String sha = JSON.readTree(up.body()).get("sha256").asText();
        images
            .append(images.length() == 0 ? "" : ",")
            .append('"')
            .append(kind)
            .append("\":{\"name\":\"img-")
            .append(version)
            .append('-')
            .append(kind)
            .append("\",\"sha256\":\"")
            .append(sha)
            .append("\"}");
      }
      String body = "{\"version\":\"" + version + "\",\"images\":{" + images + "}}";
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base() + "/api/v1/repos/dev/x86_64/releases"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 201;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Number of releases a fresh host sees, after verifying the repository over HTTP (0 if none yet).
   */
  private int verifiedReleases() throws Exception {
    if (!Files.exists(dir.resolve("metadata/dev/x86_64/timestamp.json"))) {
      return 0;
    }
    Path cache = Files.createTempDirectory(dir, "host");
    Updater updater =
        TestData.client(
            cache,
            URI.create(base() + "/metadata/dev/x86_64/"),
            Files.readAllBytes(dir.resolve("root.json")),
            new HttpTransport(HttpSettings.defaults(), ProxySettings.none()),
            Clock.systemUTC());
    updater.refresh();
    TargetInfo info = updater.findTarget(new TargetPath("manifest.json")).orElseThrow();
    Manifest manifest;
    try (InputStream in = updater.openTarget(info, URI.create(base() + "/targets/"))) {
      manifest = Manifest.parse(in.readAllBytes());
    }
    for (var u : manifest.updates()) {
      for (String image : new String[] {u.images().boot(), u.images().root(), u.images().hash()}) {
        TargetInfo t = updater.findTarget(new TargetPath(image)).orElseThrow();
        try (InputStream in = updater.openTarget(t, URI.create(base() + "/targets/"))) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      }
    }
    return manifest.updates().size();
  }
}
