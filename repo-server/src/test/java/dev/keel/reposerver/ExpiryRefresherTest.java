package dev.keel.reposerver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.reposerver.http.ServerMetrics;
import dev.keel.reposerver.publish.RoleExpiry;
import dev.keel.reposerver.store.RepositoryStateException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpiryRefresherTest {
  @TempDir Path dir;

  @Test
  void resignsBeforeExpiryDrivenByTheClock() throws Exception {
    TestData data = new TestData(dir);
    data.publisher.publish(
        dev.keel.reposerver.publish.PublisherTestAccess.release(data, "1.0.0"),
        dev.keel.reposerver.publish.Permission.ADMIN);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServerMetrics metrics = new ServerMetrics(registry, data.clock);
    ExpiryRefresher refresher =
        new ExpiryRefresher(data.publisher, metrics, Duration.ofDays(2), data.clock);

    data.clock.advance(Duration.ofDays(1));
    assertEquals(List.of(), refresher.check());
    assertTrue(
        registry
            .scrape()
            .contains("role=\"timestamp\"} " + (double) Duration.ofDays(6).toSeconds()),
        registry.scrape());

    // Timestamp (1 week) is now within the 2-day margin; targets and snapshot (2 weeks) are not.
    data.clock.advance(Duration.ofDays(4).plusHours(12));
    assertEquals(List.of(TestData.REPO), refresher.check());
    Map<String, RoleExpiry> roles = byRole(data);
    Instant now = data.clock.instant();
    assertEquals(now.plus(Duration.ofDays(7)), roles.get("timestamp").expires());
    assertEquals(now.plus(Duration.ofDays(14)), roles.get("snapshot").expires());
    assertEquals(TestData.T0.plus(Duration.ofDays(14)), roles.get("targets").expires());

    // Without the refresher the original timestamp would have expired by now.
    data.clock.set(TestData.T0.plus(Duration.ofDays(8)));
    data.publisher.validate(TestData.REPO, true);

    // Close to the targets expiry: everything is re-signed, manifest unchanged.
    data.clock.set(TestData.T0.plus(Duration.ofDays(12).plusHours(1)));
    assertEquals(List.of(TestData.REPO), refresher.check());
    assertEquals(
        data.clock.instant().plus(Duration.ofDays(14)), byRole(data).get("targets").expires());
    data.clock.set(TestData.T0.plus(Duration.ofDays(19)));
    data.publisher.validate(TestData.REPO, true);
    assertEquals(1, data.manifest(TestData.REPO).updates().size());

    // Left alone past expiry, validation fails; the refresher still repairs it.
    data.clock.set(TestData.T0.plus(Duration.ofDays(60)));
    assertThrows(
        RepositoryStateException.class, () -> data.publisher.validate(TestData.REPO, false));
    assertEquals(List.of(TestData.REPO), refresher.check());
    data.publisher.validate(TestData.REPO, true);
  }

  static Map<String, RoleExpiry> byRole(TestData data) throws Exception {
    return data.publisher.expirations(TestData.REPO).stream()
        .collect(Collectors.toMap(RoleExpiry::role, r -> r));
  }
}
