package dev.keel.updog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A real repo-server on a random loopback port, and publishing through its HTTP API. */
public final class RepoFixture implements AutoCloseable {
  public static final String VARIANT = "aws-k8s";
  public static final String ARCH = "x86_64";
  private static final String TOKEN = "publish-token-updog";
  private static final ObjectMapper JSON = new ObjectMapper();

  public final Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  public RepoFixture(Path dir) throws Exception {
    this.dir = dir;
    Clock clock = Clock.systemUTC();
    DevRepository.initialise(dir, clock.instant());
    ServerConfig config =
        ServerConfig.development(
                dir,
                0,
                List.of(
                    new ApiToken(
                        "ci",
                        java.util.HexFormat.of()
                            .formatHex(
                                java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(
                                        TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                        Set.of(Scope.PUBLISH))))
            .withAccessLog(false);
    RepoServerVerticle verticle =
        RepoServer.start(vertx, config, clock)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    this.base = "http://127.0.0.1:" + verticle.actualPort();
  }

  public byte[] root() throws Exception {
    return Files.readAllBytes(dir.resolve("root.json"));
  }

  public String metadataUrl() {
    return base + "/metadata/" + VARIANT + "/" + ARCH + "/";
  }

  public String targetsUrl() {
    return base + "/targets/";
  }

  /**
   * The file the server serves for target {@code name} (consistent snapshots: {@code
   * <sha256>.<name>}).
   */
  public Path targetFile(String name) throws Exception {
    try (var files = Files.list(dir.resolve("targets"))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("." + name))
          .findFirst()
          .orElseThrow();
    }
  }

  private String upload(byte[] content) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/uploads"))
                .header("Authorization", "Bearer " + TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(),
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
  void publish(
      String version,
      Release images,
      Map<String, byte[]> extraTargets,
      Map<String, List<String>> migrations)
      throws Exception {
    Map<String, String> uploaded = new LinkedHashMap<>();
    uploaded.put("boot", imageName(version, "boot") + " " + upload(images.boot()));
    uploaded.put("root", imageName(version, "root") + " " + upload(images.root()));
    uploaded.put("hash", imageName(version, "hash") + " " + upload(images.hash()));
    publish(version, uploaded, extraTargets, migrations);
  }

  /**
   * Publishes {@code version} with image files ({@code boot}, {@code root}, {@code hash}) named as
   * the files are.
   */
  public void publishFiles(
      String version, Map<String, Path> images, Map<String, List<String>> migrations)
      throws Exception {
    publishFiles(version, images, List.of(), migrations);
  }

  /**
   * As {@link #publishFiles(String, Map, Map)}, with extra target files (migrations) published
   * under their file names.
   */
  public void publishFiles(
      String version,
      Map<String, Path> images,
      List<Path> extraTargets,
      Map<String, List<String>> migrations)
      throws Exception {
    Map<String, String> uploaded = new LinkedHashMap<>();
    for (String kind : List.of("boot", "root", "hash")) {
      Path file = images.get(kind);
      uploaded.put(kind, file.getFileName() + " " + upload(Files.readAllBytes(file)));
    }
    Map<String, byte[]> extra = new LinkedHashMap<>();
    for (Path file : extraTargets) {
      extra.put(file.getFileName().toString(), Files.readAllBytes(file));
    }
    publish(version, uploaded, extra, migrations);
  }

  /** {@code images}: kind to "name sha256". */
  private void publish(
      String version,
      Map<String, String> images,
      Map<String, byte[]> extraTargets,
      Map<String, List<String>> migrations)
      throws Exception {
    ObjectNode body = JSON.createObjectNode().put("version", version).put("waves", "none");
    ObjectNode imagesNode = body.putObject("images");
    images.forEach(
        (kind, nameAndSha) ->
            imagesNode
                .putObject(kind)
                .put("name", nameAndSha.split(" ")[0])
                .put("sha256", nameAndSha.split(" ")[1]));
    ArrayNode targets = body.putArray("targets");
    for (Map.Entry<String, byte[]> t : extraTargets.entrySet()) {
      targets.addObject().put("name", t.getKey()).put("sha256", upload(t.getValue()));
    }
    if (!migrations.isEmpty()) {
      body.set("migrations", JSON.valueToTree(migrations));
    }
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/repos/" + VARIANT + "/" + ARCH + "/releases"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError("publish " + version + ": " + r.statusCode() + " " + r.body());
    }
  }

  public JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
