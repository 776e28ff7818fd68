package dev.keel.tuf.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void growsByTheFactorUpToTheMaximum() {
    Backoff b = Backoff.DEFAULT;

    assertEquals(Duration.ofMillis(100), b.delay(1));
    assertEquals(Duration.ofMillis(150), b.delay(2));
    assertEquals(Duration.ofMillis(225), b.delay(3));
    assertEquals(Duration.ofNanos(337_500_000), b.delay(4));
    assertEquals(Duration.ofSeconds(1), b.delay(7));
    assertEquals(Duration.ofSeconds(1), b.delay(1000));
  }

  @Test
  void rejectsNonsense() {
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, 0.5, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofMillis(-1), 1.5, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Backoff.DEFAULT.delay(0));
  }
}
