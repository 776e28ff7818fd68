package dev.keel.reposerver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

class TransportTest {

  @Test
  void theServersVertxUsesNativeEpollOnLinuxX8664() {
    assumeTrue(
        System.getProperty("os.name").equals("Linux")
            && System.getProperty("os.arch").equals("amd64"),
        "the module ships epoll's library for Linux x86_64 only");
    Vertx vertx = RepoServer.newVertx(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    try {
      assertEquals("native epoll", RepoServer.transport(vertx));
      assertTrue(vertx.isNativeTransportEnabled());
    } finally {
      vertx.close().await();
    }
  }
}
