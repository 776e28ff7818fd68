package dev.keel.reposerver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.reposerver.RepoServer;
import dev.keel.reposerver.ServerFixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics}: Micrometer's Prometheus registry with Vert.x's, the JVM's and our own meters,
 * behind a token.
 */
class MetricsTest {
  @TempDir Path dir;
  PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  Vertx vertx;
  ServerFixture server;

  @BeforeEach
  void start() throws Exception {
    vertx = RepoServer.newVertx(registry);
    server = new ServerFixture(vertx, registry, dir, Clock.systemUTC(), 64 * 1024);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void standardAndOwnMetersBehindAToken() throws Exception {
    assertEquals(
        201,
        server
            .publish("aws-dev", "x86_64", server.releaseBody("aws-dev", "x86_64", "1.0.0", ""))
            .statusCode());
    server.send(
        "GET",
        "/metadata/aws-dev/x86_64/timestamp.json",
        null,
        HttpRequest.BodyPublishers.noBody());

    HttpResponse<String> anonymous =
        server.send("GET", "/metrics", null, HttpRequest.BodyPublishers.noBody());
    assertEquals(401, anonymous.statusCode());
    assertTrue(!anonymous.body().contains("aws-dev"), "repository names are not public");
    assertEquals(
        403,
        server
            .send(
                "GET", "/metrics", ServerFixture.PUBLISH_TOKEN, HttpRequest.BodyPublishers.noBody())
            .statusCode());
    HttpResponse<String> scraped =
        server.send(
            "GET", "/metrics", ServerFixture.METRICS_TOKEN, HttpRequest.BodyPublishers.noBody());
    assertEquals(200, scraped.statusCode());
    String text = scraped.body();
    for (String expected :
        List.of(
            // Vert.x's HTTP server meters, labelled by route, never by raw path
            "vertx_http_server_requests_total{code=\"201\",method=\"POST\",route=\"/api/v1/repos/:variant/:arch/releases\"",
            "route=\"/metadata/\"",
            "netty_eventexecutor_tasks_pending",
            // JVM, GC and process
            "jvm_memory_used_bytes",
            "jvm_gc_",
            "process_cpu_usage",
            "process_files_open_files",
            "process_uptime_seconds",
            // worker pools (queue depth) and event loops
            "vertx_pool_queue_pending",
            "pool_name=\"keel-publishes\"",
            "keel_eventloop_lag_seconds_max{loop=\"vert.x-eventloop-thread-",
            // ours
            "keel_publish_duration_seconds_count 1",
            "keel_http_file_bytes_total",
            "keel_role_expiry_seconds{repository=\"aws-dev/x86_64\",role=\"timestamp\"}")) {
      assertTrue(text.contains(expected), expected + " missing from\n" + text);
    }
  }
}
