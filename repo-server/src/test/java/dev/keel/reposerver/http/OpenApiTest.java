package dev.keel.reposerver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.reposerver.ServerFixture;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served OpenAPI document says what the server does: every documented operation answers with a
 * documented status, and every other method on a documented path is refused with 405.
 */
@ExtendWith(VertxExtension.class)
class OpenApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> METHODS = List.of("GET", "HEAD", "PUT", "POST", "DELETE");
  private static final Map<String, String> SAMPLES =
      Map.of(
          "{prefix}",
          "metadata",
          "{variant}",
          "aws-k8s-1.29",
          "{arch}",
          "x86_64",
          "{version}",
          "1.0.0",
          "{file}",
          "timestamp.json");

  @TempDir Path dir;
  ServerFixture server;
  JsonNode paths;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = new ServerFixture(vertx, dir, Clock.systemUTC(), 64 * 1024);
    try (InputStream in =
        RepoRouter.class.getResourceAsStream("/dev/keel/reposerver/openapi.json")) {
      paths = JSON.readTree(in).get("paths");
    }
  }

  @Test
  void theServedDocumentIsTheResource() throws Exception {
    HttpResponse<String> served =
        server.send("GET", "/api/openapi.json", null, HttpRequest.BodyPublishers.noBody());
    assertEquals(200, served.statusCode());
    assertEquals(JSON.readTree(served.body()).get("paths"), paths);
  }

  @Test
  void everyDocumentedOperationAnswersWithADocumentedStatus() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      String target = sample(path.getKey());
      for (String method : METHODS) {
        JsonNode operation = path.getValue().get(method.toLowerCase(Locale.ROOT));
        String token =
            target.startsWith("/api/v1/uploads")
                ? ServerFixture.PUBLISH_TOKEN
                : ServerFixture.ADMIN_TOKEN;
        HttpRequest.BodyPublisher body =
            method.equals("GET") || method.equals("HEAD")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}");
        int status = server.send(method, target, token, body).statusCode();
        if (operation == null
            ? status != 405
            : !operation.get("responses").has(String.valueOf(status))) {
          wrong.add(
              method
                  + " "
                  + target
                  + " -> "
                  + status
                  + (operation == null
                      ? " (undocumented method, expected 405)"
                      : " (not documented)"));
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  private static String sample(String path) {
    String s = path;
    for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
      s = s.replace(e.getKey(), e.getValue());
    }
    return s;
  }
}
