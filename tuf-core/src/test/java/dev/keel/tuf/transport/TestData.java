package dev.keel.tuf.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shared test inputs for the transport tests. */
final class TestData {
  private TestData() {}

  static byte[] bytes(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Records the waits instead of waiting. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
      sleeps.add(duration);
    }
  }

  /** Default settings with a short read timeout, so a broken test fails fast. */
  static HttpSettings fastSettings() {
    return HttpSettings.defaults()
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
        .withMinimumRate(MinimumRate.NONE);
  }
}
