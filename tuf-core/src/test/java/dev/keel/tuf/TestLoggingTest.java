package dev.keel.tuf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The build runs every module's tests with {@code .mvn/test-logging.properties}: our components log
 * INFO and WARNING for operators, and a test run must not print those lines.
 */
class TestLoggingTest {
  @Test
  void onlySevereRecordsArePrintedInTests() {
    System.Logger log = System.getLogger("dev.keel.reposerver.ExpiryRefresher");
    assertFalse(log.isLoggable(System.Logger.Level.INFO));
    assertFalse(log.isLoggable(System.Logger.Level.WARNING));
    assertTrue(log.isLoggable(System.Logger.Level.ERROR));
  }
}
