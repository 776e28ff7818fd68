package dev.keel.reposerver.http;

import dev.keel.reposerver.publish.RoleExpiry;
import dev.keel.reposerver.store.RepositoryId;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's own meters, beside the HTTP, JVM, GC and pool meters that vertx-micrometer-metrics
 * registers in the same registry: bytes of metadata and targets sent, repository changes and their
 * duration, and seconds until each role of each repository expires. Thread-safe.
 */
public final class ServerMetrics {
  private static final Duration LAG_PERIOD = Duration.ofMillis(100);

  private final PrometheusMeterRegistry registry;
  private final Clock clock;
  private final LongAdder bytesServed = new LongAdder();
  private final Timer publishes;
  private final Map<List<String>, Instant> expiries = new ConcurrentHashMap<>();

  public ServerMetrics(PrometheusMeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    FunctionCounter.builder("keel.http.file.bytes", bytesServed, LongAdder::sum)
        .baseUnit("bytes")
        .description("Bytes of metadata and targets sent")
        .register(registry);
    publishes =
        Timer.builder("keel.publish.duration")
            .description("Time to change a repository (publish, pull, remove, refresh)")
            .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void served(long bytes) {
    bytesServed.add(bytes);
  }

  public void published(Duration took) {
    publishes.record(took);
  }

  /**
   * Measures how late the calling event loop runs a 100 ms periodic timer ({@code
   * keel_eventloop_lag_seconds}, by loop): anything that blocks the loop shows here. Call from a
   * verticle's start; returns the timer id to cancel on stop.
   */
  public long watchEventLoop(Vertx vertx) {
    Timer lag =
        Timer.builder("keel.eventloop.lag")
            .tag("loop", Thread.currentThread().getName())
            .description("How late a periodic timer runs on the event loop")
            .register(registry);
    long[] due = {System.nanoTime() + LAG_PERIOD.toNanos()};
    return vertx.setPeriodic(
        LAG_PERIOD.toMillis(),
        id -> {
          long now = System.nanoTime();
          lag.record(Math.max(0, now - due[0]), TimeUnit.NANOSECONDS);
          due[0] += LAG_PERIOD.toNanos();
          if (due[0] < now) {
            due[0] =
                now + LAG_PERIOD.toNanos(); // ticks skipped after a long stall: measure from now on
          }
        });
  }

  /**
   * Records when each role of {@code id} expires now; a gauge per role reports the seconds left.
   */
  public void expiries(RepositoryId id, List<RoleExpiry> roles) {
    for (RoleExpiry r : roles) {
      List<String> key = List.of(id.toString(), r.role());
      if (expiries.put(key, r.expires()) == null) {
        Gauge.builder("keel.role.expiry", this, m -> m.secondsLeft(key))
            .baseUnit("seconds")
            .description("Seconds until the role's current metadata expires")
            .tags("repository", key.get(0), "role", key.get(1))
            .register(registry);
      }
    }
  }

  private double secondsLeft(List<String> key) {
    return expiries.get(key).getEpochSecond() - clock.instant().getEpochSecond();
  }
}
