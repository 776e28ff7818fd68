package dev.keel.reposerver.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.manifest.Manifest;
import dev.keel.manifest.Update;
import dev.keel.reposerver.ServerFixture;
import dev.keel.reposerver.TestData;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.transport.HttpSettings;
import dev.keel.tuf.transport.HttpTransport;
import dev.keel.tuf.transport.ProxySettings;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ServerIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String V = "aws-k8s-1.29";
  static final String A = "x86_64";
  static final long LIMIT = 64 * 1024;

  @TempDir Path dir;
  ServerFixture server;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = new ServerFixture(vertx, dir, Clock.systemUTC(), LIMIT);
  }

  Updater client(Path cache) throws Exception {
    return TestData.client(
        cache,
        server.metadataUri(V, A),
        server.root(),
        new HttpTransport(HttpSettings.defaults(), ProxySettings.none()),
        Clock.systemUTC());
  }

  @Test
  void twoReleasesThroughTheApiVerifyWithTheClient() throws Exception {
    String start = ",\"release_start_time\":\"2026-01-01T00:00:00Z\"";
    HttpResponse<String> first = server.publish(V, A, server.releaseBody(V, A, "1.0.0", start));
    assertEquals(201, first.statusCode(), first.body());
    HttpResponse<String> second =
        server.publish(
            V,
            A,
            server.releaseBody(V, A, "1.1.0", start + ",\"migrations\":{\"(1.0.0, 1.1.0)\":[]}"));
    assertEquals(201, second.statusCode(), second.body());

    Updater updater = client(Files.createDirectories(dir.resolve("host")));
    updater.refresh();
    TargetInfo info = updater.findTarget(new TargetPath("manifest.json")).orElseThrow();
    Manifest manifest;
    try (InputStream in = updater.openTarget(info, server.targetsUri())) {
      manifest = Manifest.parse(in.readAllBytes());
    }
    assertEquals(2, manifest.updates().size());
    Update u = manifest.updates().get(1);
    assertEquals("1.1.0", u.version().toString());
    assertEquals("1.1.0", manifest.updates().get(0).maxVersion().toString());
    assertEquals(List.of(0L, 20L, 102L, 307L, 819L, 1228L, 1843L), List.copyOf(u.waves().keySet()));
    assertEquals(Instant.parse("2026-01-01T01:00:00Z"), u.waves().get(0L));
    assertEquals(Instant.parse("2026-01-07T00:00:00Z"), u.waves().get(1843L));
    assertEquals(1, manifest.migrations().size());
    for (String image : List.of(u.images().boot(), u.images().root(), u.images().hash())) {
      TargetInfo t = updater.findTarget(new TargetPath(image)).orElseThrow();
      try (InputStream in = updater.openTarget(t, server.targetsUri())) {
        String kind =
            image.endsWith("-boot.ext4.lz4")
                ? "boot"
                : image.endsWith("-root.ext4.lz4") ? "root" : "hash";
        assertArrayEquals(
            (kind + " image of 1.1.0").getBytes(StandardCharsets.UTF_8), in.readAllBytes());
      }
    }
    // Metrics saw it all.
    String metrics =
        server
            .send("GET", "/metrics", ServerFixture.ADMIN_TOKEN, HttpRequest.BodyPublishers.noBody())
            .body();
    assertTrue(metrics.contains("keel_publish_duration_seconds_count 2"), metrics);
    assertTrue(
        metrics.contains(
            "keel_role_expiry_seconds{repository=\"aws-k8s-1.29/x86_64\",role=\"timestamp\"}"));
    assertEquals(
        200,
        server
            .send("GET", "/api/openapi.json", null, HttpRequest.BodyPublishers.noBody())
            .statusCode());
    assertEquals(
        200,
        server.send("GET", "/healthz", null, HttpRequest.BodyPublishers.noBody()).statusCode());
  }

  @Test
  void cachingRangesAndHead() throws Exception {
    assertEquals(201, server.publish(V, A, server.releaseBody(V, A, "1.0.0", "")).statusCode());
    HttpResponse<String> ts =
        server.send(
            "GET",
            "/metadata/" + V + "/" + A + "/timestamp.json",
            null,
            HttpRequest.BodyPublishers.noBody());
    assertEquals(200, ts.statusCode());
    assertEquals("public, max-age=60", ts.headers().firstValue("Cache-Control").orElseThrow());
    String etag = ts.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again =
        server.http.send(
            HttpRequest.newBuilder(
                    URI.create(server.base + "/metadata/" + V + "/" + A + "/timestamp.json"))
                .header("If-None-Match", etag)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(304, again.statusCode());
    HttpResponse<String> root =
        server.send(
            "GET",
            "/metadata/" + V + "/" + A + "/1.root.json",
            null,
            HttpRequest.BodyPublishers.noBody());
    assertEquals(
        "public, max-age=31536000, immutable",
        root.headers().firstValue("Cache-Control").orElseThrow());
    HttpResponse<String> missing =
        server.send(
            "GET",
            "/metadata/" + V + "/" + A + "/2.root.json",
            null,
            HttpRequest.BodyPublishers.noBody());
    assertEquals(404, missing.statusCode());
    assertEquals("public, max-age=10", missing.headers().firstValue("Cache-Control").orElseThrow());

    String target;
    try (Stream<Path> s = Files.list(dir.resolve("targets"))) {
      target =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith("boot.ext4.lz4"))
              .findFirst()
              .orElseThrow();
    }
    byte[] content = "boot image of 1.0.0".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> range =
        server.http.send(
            HttpRequest.newBuilder(URI.create(server.base + "/targets/" + target))
                .header("Range", "bytes=5-9")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(206, range.statusCode());
    assertEquals(
        "bytes 5-9/" + content.length, range.headers().firstValue("Content-Range").orElseThrow());
    assertEquals("image", new String(range.body(), StandardCharsets.US_ASCII));
    assertEquals(
        "public, max-age=31536000, immutable",
        range.headers().firstValue("Cache-Control").orElseThrow());
    HttpResponse<byte[]> suffix =
        server.http.send(
            HttpRequest.newBuilder(URI.create(server.base + "/targets/" + target))
                .header("Range", "bytes=-5")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("1.0.0", new String(suffix.body(), StandardCharsets.US_ASCII));
    HttpResponse<byte[]> bad =
        server.http.send(
            HttpRequest.newBuilder(URI.create(server.base + "/targets/" + target))
                .header("Range", "bytes=999-")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(416, bad.statusCode());
    HttpResponse<String> head =
        server.send("HEAD", "/targets/" + target, null, HttpRequest.BodyPublishers.noBody());
    assertEquals(200, head.statusCode());
    assertEquals(
        String.valueOf(content.length), head.headers().firstValue("Content-Length").orElseThrow());
    int listing =
        server.send("GET", "/targets/", null, HttpRequest.BodyPublishers.noBody()).statusCode();
    assertTrue(listing == 400 || listing == 404, "directory listing gave " + listing);
  }

  @Test
  void authenticationAndScopes() throws Exception {
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("x");
    HttpResponse<String> none = server.send("PUT", "/api/v1/uploads", null, body);
    assertEquals(401, none.statusCode());
    assertTrue(none.body().contains("\"error\""));
    assertEquals(401, server.send("PUT", "/api/v1/uploads", "wrong", body).statusCode());
    assertEquals(
        201, server.send("PUT", "/api/v1/uploads", ServerFixture.PUBLISH_TOKEN, body).statusCode());
    assertEquals(
        403,
        server
            .send(
                "POST",
                "/api/v1/repos/" + V + "/" + A + "/refresh",
                ServerFixture.PUBLISH_TOKEN,
                HttpRequest.BodyPublishers.noBody())
            .statusCode());
    assertEquals(
        403,
        server
            .send(
                "GET",
                "/api/v1/repos/" + V + "/" + A + "/expirations",
                ServerFixture.PUBLISH_TOKEN,
                HttpRequest.BodyPublishers.noBody())
            .statusCode());
    assertEquals(
        404,
        server
            .send(
                "POST",
                "/api/v1/repos/" + V + "/" + A + "/refresh",
                ServerFixture.ADMIN_TOKEN,
                HttpRequest.BodyPublishers.noBody())
            .statusCode());
  }

  @Test
  void expectContinueIsAnsweredOnlyAfterTheTokenPassed() throws Exception {
    byte[] upload = "content".getBytes(StandardCharsets.US_ASCII);
    byte[] empty = "{}".getBytes(StandardCharsets.US_ASCII);
    String refresh = "/api/v1/repos/" + V + "/" + A + "/refresh";
    assertEquals(List.of(401), server.expectContinue("PUT", "/api/v1/uploads", null, upload));
    assertEquals(
        List.of(403), server.expectContinue("POST", refresh, ServerFixture.PUBLISH_TOKEN, empty));
    assertEquals(
        List.of(100, 201),
        server.expectContinue("PUT", "/api/v1/uploads", ServerFixture.PUBLISH_TOKEN, upload));
    assertEquals(
        List.of(100, 404),
        server.expectContinue("POST", refresh, ServerFixture.ADMIN_TOKEN, empty));
    assertEquals(
        List.of(413),
        server.expectContinue(
            "POST", refresh, ServerFixture.ADMIN_TOKEN, new byte[5 * 1024 * 1024]));
  }

  @Test
  void pathTraversalIsRefused() throws Exception {
    Files.writeString(dir.resolve("secret"), "no");
    for (String target :
        List.of(
            "/targets/../secret",
            "/targets/%2e%2e/secret",
            "/targets/%2E%2E%2Fsecret",
            "/metadata/../secret",
            "/metadata/a/b/..%2f..%2f..%2fsecret",
            "/targets/..%5csecret",
            "/targets/a%00b",
            "/targets//secret",
            "/metadata/" + V + "/" + A + "/../../../root.json",
            "/dev-keys/root.pem",
            "/targets/%2e%2e/dev-keys/root.pem")) {
      int status = server.rawStatus(target);
      assertTrue(status == 400 || status == 404, target + " gave " + status);
    }
    assertEquals(404, server.rawStatus("/root.json"));
    assertEquals(404, server.rawStatus("/targets"));
  }

  @Test
  void oversizeAndMalformedRequestsChangeNothing() throws Exception {
    assertEquals(201, server.publish(V, A, server.releaseBody(V, A, "1.0.0", "")).statusCode());
    Map<String, Long> before = files();
    HttpResponse<String> big =
        server.send(
            "PUT",
            "/api/v1/uploads",
            ServerFixture.PUBLISH_TOKEN,
            HttpRequest.BodyPublishers.ofByteArray(new byte[(int) LIMIT + 1]));
    assertEquals(413, big.statusCode());
    assertTrue(big.body().contains("limit"), big.body());
    for (String[] bad :
        List.of(
            new String[] {V, "{not json", "not valid JSON"},
            new String[] {V, "{\"version\":\"1.x\"}", "version"},
            new String[] {V, server.releaseBody(V, A, "2.0.0", ",\"waves\":\"fast\""), "wave"},
            new String[] {
              V,
              server.releaseBody(
                  V,
                  A,
                  "2.0.0",
                  ",\"waves\":{\"toml\":\"[[waves]]\\nstart_after='1 hour'\\nfleet_percentage=300\\n\"}"),
              "fleet_percentage"
            },
            new String[] {
              V,
              "{\"version\":\"2.0.0\",\"images\":{\"boot\":{\"name\":\"b\",\"sha256\":\""
                  + "a".repeat(64)
                  + "\"},\"root\":{\"name\":\"r\",\"sha256\":\""
                  + "a".repeat(64)
                  + "\"},\"hash\":{\"name\":\"h\",\"sha256\":\""
                  + "a".repeat(64)
                  + "\"}}}",
              "no upload"
            },
            new String[] {".bad", server.releaseBody(V, A, "2.0.0", ""), "path"})) {
      HttpResponse<String> r = server.publish(bad[0], A, bad[1]);
      assertEquals(400, r.statusCode(), r.body());
      JsonNode err = JSON.readTree(r.body());
      assertTrue(err.get("error").asText().contains(bad[2]), r.body());
    }
    assertEquals(before, files());
  }

  @Test
  void concurrentPublishesAndUploads() throws Exception {
    int releases = 20;
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < releases; i++) {
      bodies.add(server.releaseBody(V, A, "1.0." + i, ",\"waves\":\"none\""));
    }
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      byte[] content = new byte[32 * 1024];
      java.util.Arrays.fill(content, (byte) i);
      all.add(
          server.http.sendAsync(
              HttpRequest.newBuilder(URI.create(server.base + "/api/v1/uploads"))
                  .header("Authorization", "Bearer " + ServerFixture.PUBLISH_TOKEN)
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (String body : bodies) {
      all.add(
          server.http.sendAsync(
              HttpRequest.newBuilder(
                      URI.create(server.base + "/api/v1/repos/" + V + "/" + A + "/releases"))
                  .header("Authorization", "Bearer " + ServerFixture.PUBLISH_TOKEN)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> f : all) {
      HttpResponse<String> r = f.join();
      assertEquals(201, r.statusCode(), r.body());
    }
    Updater updater = client(Files.createDirectories(dir.resolve("host")));
    updater.refresh();
    TargetInfo info = updater.findTarget(new TargetPath("manifest.json")).orElseThrow();
    Manifest manifest;
    try (InputStream in = updater.openTarget(info, server.targetsUri())) {
      manifest = Manifest.parse(in.readAllBytes());
    }
    assertEquals(releases, manifest.updates().size());
    HttpResponse<String> validate =
        server.send(
            "POST",
            "/api/v1/repos/" + V + "/" + A + "/validate?targets=true",
            ServerFixture.ADMIN_TOKEN,
            HttpRequest.BodyPublishers.noBody());
    assertEquals(200, validate.statusCode(), validate.body());
    assertEquals(
        releases * 3 + 1, JSON.readTree(validate.body()).get("targets_downloaded").asInt());
    try (Stream<Path> s = Files.list(dir.resolve("uploads"))) {
      assertEquals((50 + releases * 3) * 2, s.count());
    }
  }

  @Test
  void pullRemoveRefreshAndExpirationsThroughTheApi() throws Exception {
    assertEquals(201, server.publish(V, A, server.releaseBody(V, A, "1.0.0", "")).statusCode());
    assertEquals(201, server.publish(V, A, server.releaseBody(V, A, "1.1.0", "")).statusCode());
    String repo = "/api/v1/repos/" + V + "/" + A;
    HttpResponse<String> pull =
        server.send(
            "POST",
            repo + "/releases/1.1.0/pull",
            ServerFixture.ADMIN_TOKEN,
            HttpRequest.BodyPublishers.noBody());
    assertEquals(200, pull.statusCode(), pull.body());
    assertEquals(
        "1.0.0", JSON.readTree(pull.body()).at("/manifest/updates/1/max_version").asText());
    assertEquals(
        404,
        server
            .send(
                "DELETE",
                repo + "/releases/3.0.0",
                ServerFixture.ADMIN_TOKEN,
                HttpRequest.BodyPublishers.noBody())
            .statusCode());
    assertEquals(
        200,
        server
            .send(
                "DELETE",
                repo + "/releases/1.1.0",
                ServerFixture.ADMIN_TOKEN,
                HttpRequest.BodyPublishers.noBody())
            .statusCode());
    HttpResponse<String> refresh =
        server.send(
            "POST",
            repo + "/refresh",
            ServerFixture.ADMIN_TOKEN,
            HttpRequest.BodyPublishers.noBody());
    assertEquals(200, refresh.statusCode(), refresh.body());
    HttpResponse<String> exp =
        server.send(
            "GET",
            repo + "/expirations?within=8d",
            ServerFixture.ADMIN_TOKEN,
            HttpRequest.BodyPublishers.noBody());
    assertEquals(200, exp.statusCode(), exp.body());
    JsonNode roles = JSON.readTree(exp.body()).get("roles");
    Map<String, Boolean> soon = new TreeMap<>();
    roles.forEach(r -> soon.put(r.get("role").asText(), r.get("expires_before_limit").asBoolean()));
    assertEquals(
        Map.of("root", false, "targets", false, "snapshot", false, "timestamp", true), soon);
    assertEquals(
        405,
        server
            .send(
                "PUT",
                repo + "/refresh",
                ServerFixture.ADMIN_TOKEN,
                HttpRequest.BodyPublishers.noBody())
            .statusCode());
  }

  private Map<String, Long> files() throws Exception {
    Map<String, Long> out = new TreeMap<>();
    for (String sub : List.of("metadata", "targets")) {
      try (Stream<Path> s = Files.walk(dir.resolve(sub))) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          out.put(dir.relativize(p).toString(), Files.size(p));
        }
      }
    }
    return out;
  }
}
