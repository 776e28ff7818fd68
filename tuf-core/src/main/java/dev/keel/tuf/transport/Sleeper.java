package dev.keel.tuf.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between retries. Tests pass one that records the delays instead of waiting. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps the current thread. */
  static Sleeper system() {
    return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
  }
}
