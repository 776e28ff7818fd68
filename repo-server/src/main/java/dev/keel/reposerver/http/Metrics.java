package dev.keel.reposerver.http;

import dev.keel.reposerver.publish.RoleExpiry;
import dev.keel.reposerver.store.RepositoryId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Counters for {@code /metrics}, rendered in the Prometheus text format. Thread-safe. */
public final class Metrics {
  private final Clock clock;
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongAdder bytesServed = new LongAdder();
  private final LongAdder publishes = new LongAdder();
  private final DoubleAdder publishSeconds = new DoubleAdder();
  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

  public Metrics(Clock clock) {
    this.clock = clock;
  }

  public void request(String route, int status) {
    requests.computeIfAbsent("route=\"" + route + "\",status=\"" + status + "\"", k -> new LongAdder()).increment();
  }

  public void served(long bytes) {
    bytesServed.add(bytes);
  }

  public void published(double seconds) {
    publishes.increment();
    publishSeconds.add(seconds);
  }

  public void expiries(RepositoryId id, List<RoleExpiry> roles) {
    for (RoleExpiry r : roles) {
      expiries.put("repository=\"" + id + "\",role=\"" + r.role() + "\"", r.expires());
    }
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("# HELP keel_http_requests_total HTTP requests by route and status.\n")
        .append("# TYPE keel_http_requests_total counter\n");
    new TreeMap<>(requests).forEach((labels, n) ->
        out.append("keel_http_requests_total{").append(labels).append("} ").append(n.sum()).append('\n'));
    out.append("# HELP keel_http_file_bytes_total Bytes of metadata and targets sent.\n")
        .append("# TYPE keel_http_file_bytes_total counter\n")
        .append("keel_http_file_bytes_total ").append(bytesServed.sum()).append('\n');
    out.append("# HELP keel_publish_duration_seconds Time to change a repository (publish, pull, remove, refresh).\n")
        .append("# TYPE keel_publish_duration_seconds summary\n")
        .append("keel_publish_duration_seconds_sum ").append(publishSeconds.sum()).append('\n')
        .append("keel_publish_duration_seconds_count ").append(publishes.sum()).append('\n');
    out.append("# HELP keel_role_expiry_seconds Seconds until each role's current metadata expires.\n")
        .append("# TYPE keel_role_expiry_seconds gauge\n");
    Instant now = clock.instant();
    new TreeMap<>(expiries).forEach((labels, at) -> out.append("keel_role_expiry_seconds{").append(labels)
        .append("} ").append(at.getEpochSecond() - now.getEpochSecond()).append('\n'));
    return out.toString();
  }
}
