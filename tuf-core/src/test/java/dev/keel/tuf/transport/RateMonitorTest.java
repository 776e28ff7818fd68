package dev.keel.tuf.transport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.SlowRetrievalException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateMonitorTest {
  private static final long SECOND = 1_000_000_000L;
  private static final MinimumRate RATE =
      new MinimumRate(1000, Duration.ofSeconds(10), Duration.ofSeconds(5));

  @Test
  void graceTimeIsNotMeasured() {
    RateMonitor m = new RateMonitor(RATE, "u");

    // 5 s of grace with no bytes, then a full 10 s window at 1200 B/s. Counting the grace would
    // make it 12000 bytes in 15 s = 800 B/s, below the minimum.
    assertDoesNotThrow(() -> m.record(0, 5 * SECOND));
    assertDoesNotThrow(() -> m.record(12_000, 10 * SECOND));
  }

  @Test
  void aFullSlowWindowFails() throws Exception {
    RateMonitor m = new RateMonitor(RATE, "u");
    m.record(0, 5 * SECOND); // grace

    m.record(4_000, 5 * SECOND);
    SlowRetrievalException e =
        assertThrows(SlowRetrievalException.class, () -> m.record(4_000, 5 * SECOND));

    assertEquals(800, e.bytesPerSecond());
    assertEquals(1000, e.minimum());
  }

  @Test
  void windowsAreMeasuredSeparately() throws Exception {
    RateMonitor m = new RateMonitor(RATE, "u");
    m.record(0, 5 * SECOND);
    m.record(1_000_000, 10 * SECOND); // a fast window does not pay for a later slow one

    assertThrows(SlowRetrievalException.class, () -> m.record(9_000, 10 * SECOND));
  }

  @Test
  void oneLongStallIsCaughtWhenItsReadReturns() throws Exception {
    RateMonitor m = new RateMonitor(RATE, "u");
    m.record(100_000, SECOND);

    assertThrows(SlowRetrievalException.class, () -> m.record(1, 29 * SECOND));
  }

  @Test
  void disabledNeverFails() {
    RateMonitor m = new RateMonitor(MinimumRate.NONE, "u");

    assertDoesNotThrow(() -> m.record(0, 3600 * SECOND));
  }
}
