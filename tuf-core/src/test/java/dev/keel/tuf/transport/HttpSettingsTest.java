package dev.keel.tuf.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

  @Test
  void defaultsAreTough() {
    HttpSettings s = HttpSettings.defaults();

    assertEquals(Duration.ofSeconds(10), s.connectTimeout());
    assertEquals(Duration.ofSeconds(30), s.readTimeout());
    assertEquals(4, s.tries());
    assertEquals(Backoff.DEFAULT, s.backoff());
    assertEquals(
        new MinimumRate(1024, Duration.ofSeconds(10), Duration.ofSeconds(10)), s.minimumRate());
    assertTrue(s.userAgent().matches("keel-tuf/\\d+\\.\\d+.*"), s.userAgent());
  }

  @Test
  void rejectsUnusableValues() {
    HttpSettings s = HttpSettings.defaults();

    assertThrows(IllegalArgumentException.class, () -> s.withTries(0));
    assertThrows(
        IllegalArgumentException.class, () -> s.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> s.withTimeouts(Duration.ofSeconds(1), Duration.ofNanos(5)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new MinimumRate(-1, Duration.ofSeconds(1), Duration.ZERO));
    // A line break would end the header and let the rest be read as another one.
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new HttpSettings(
                s.connectTimeout(),
                s.readTimeout(),
                s.tries(),
                s.backoff(),
                s.minimumRate(),
                "keel\r\nX-Injected: 1"));
  }
}
