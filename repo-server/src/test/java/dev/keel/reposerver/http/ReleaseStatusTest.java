package dev.keel.reposerver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.reposerver.ServerFixture;
import dev.keel.reposerver.store.StorageFullException;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statuses the publish rules of issue 13 answer with over HTTP: 400 for a time manifest.json
 * cannot hold (and the repository keeps working), 409 for a version already released, 403 for a
 * publish token lowering max_version, 507 for a full disk.
 */
@ExtendWith(VertxExtension.class)
class ReleaseStatusTest {
  private static final String V = "aws-k8s-1.29";
  private static final String A = "x86_64";

  @TempDir Path dir;

  @Test
  void publishRulesAnswerWithTheirStatus(Vertx vertx) throws Exception {
    ServerFixture server = new ServerFixture(vertx, dir, Clock.systemUTC(), 1 << 20);
    assertEquals(201, server.publish(V, A, server.releaseBody(V, A, "1.0.0", "")).statusCode());

    HttpResponse<String> far =
        server.publish(
            V,
            A,
            server.releaseBody(V, A, "1.1.0", ",\"release_start_time\":\"9999-12-31T00:00:00Z\""));
    assertEquals(400, far.statusCode(), far.body());
    assertEquals(
        201,
        server.publish(V, A, server.releaseBody(V, A, "1.1.0", "")).statusCode(),
        "the repository still takes releases");
    assertEquals(
        200,
        server
            .send(
                "POST",
                "/api/v1/repos/" + V + "/" + A + "/validate",
                ServerFixture.ADMIN_TOKEN,
                HttpRequest.BodyPublishers.noBody())
            .statusCode());

    HttpResponse<String> again = server.publish(V, A, server.releaseBody(V, A, "1.0.0", ""));
    assertEquals(409, again.statusCode(), again.body());

    String lowering = server.releaseBody(V, A, "2.0.0", ",\"max_version\":\"1.0.0\"");
    HttpResponse<String> denied = server.publish(V, A, lowering);
    assertEquals(403, denied.statusCode(), denied.body());
    assertTrue(denied.body().contains("admin"), denied.body());
    assertEquals(
        201,
        server
            .send(
                "POST",
                "/api/v1/repos/" + V + "/" + A + "/releases",
                ServerFixture.ADMIN_TOKEN,
                HttpRequest.BodyPublishers.ofString(lowering))
            .statusCode());

    assertEquals(507, Failures.status(new StorageFullException("the server's disk is full", null)));
  }
}
