package dev.keel.updog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.reposerver.RepoServer;
import dev.keel.reposerver.RepoServerVerticle;
import dev.keel.reposerver.ServerConfig;
import dev.keel.reposerver.http.ApiToken;
import dev.keel.reposerver.http.Scope;
import dev.keel.reposerver.store.DevRepository;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A real repo-server on a random loopback port, and publishing through its HTTP API. */
final class RepoFixture implements AutoCloseable {
  static final String VARIANT = "aws-k8s";
  static final String ARCH = "x86_64";
  private static final String TOKEN = "publish-token-updog";
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  RepoFixture(Path dir) throws Exception {
    this.dir = dir;
    Clock clock = Clock.systemUTC();
    DevRepository.initialise(dir, clock.instant());
    ServerConfig config = ServerConfig.development(dir, 0,
        List.of(new ApiToken("ci", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8))), Set.of(Scope.PUBLISH)))).withAccessLog(false);
    RepoServerVerticle verticle = RepoServer.start(vertx, config, clock).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    this.base = "http://127.0.0.1:" + verticle.actualPort();
  }

  byte[] root() throws Exception {
    return Files.readAllBytes(dir.resolve("root.json"));
  }

  String metadataUrl() {
    return base + "/metadata/" + VARIANT + "/" + ARCH + "/";
  }

  String targetsUrl() {
    return base + "/targets/";
  }

  /** The file the server serves for target {@code name} (consistent snapshots: {@code <sha256>.<name>}). */
  Path targetFile(String name) throws Exception {
    try (var files = Files.list(dir.resolve("targets"))) {
      return files.filter(p -> p.getFileName().toString().endsWith("." + name)).findFirst().orElseThrow();
    }
  }

  private String upload(byte[] content) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/uploads"))
        .header("Authorization", "Bearer " + TOKEN).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new AssertionError("upload: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).get("sha256").asText();
  }

  /** Image target names of {@code version}. */
  static String imageName(String version, String kind) {
    String prefix = "bottlerocket-" + VARIANT + "-" + ARCH + "-" + version;
    return switch (kind) {
      case "boot" -> prefix + "-boot.ext4.lz4";
      case "root" -> prefix + "-root.ext4.lz4";
      default -> prefix + "-root.verity.lz4";
    };
  }

  /**
   * Publishes {@code version} without waves: the three images (already compressed), extra targets
   * (migrations), and the migrations table {@code "(FROM, TO)" -> names}.
   */
  void publish(String version, Release images, Map<String, byte[]> extraTargets, Map<String, List<String>> migrations)
      throws Exception {
    StringBuilder body = new StringBuilder("{\"version\":\"" + version + "\",\"waves\":\"none\",\"images\":{");
    String[][] kinds = {{"boot", null}, {"root", null}, {"hash", null}};
    kinds[0][1] = upload(images.boot());
    kinds[1][1] = upload(images.root());
    kinds[2][1] = upload(images.hash());
    for (int i = 0; i < kinds.length; i++) {
      body.append(i == 0 ? "" : ",").append('"').append(kinds[i][0]).append("\":{\"name\":\"")
          .append(imageName(version, kinds[i][0])).append("\",\"sha256\":\"").append(kinds[i][1]).append("\"}");
    }
    body.append("},\"targets\":[");
    boolean first = true;
    for (Map.Entry<String, byte[]> t : extraTargets.entrySet()) {
      body.append(first ? "" : ",").append("{\"name\":\"").append(t.getKey()).append("\",\"sha256\":\"")
          .append(upload(t.getValue())).append("\"}");
      first = false;
    }
    body.append("]");
    if (!migrations.isEmpty()) {
      body.append(",\"migrations\":").append(JSON.writeValueAsString(migrations));
    }
    body.append("}");
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/repos/" + VARIANT + "/" + ARCH
            + "/releases")).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError("publish " + version + ": " + r.statusCode() + " " + r.body());
    }
  }

  JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
