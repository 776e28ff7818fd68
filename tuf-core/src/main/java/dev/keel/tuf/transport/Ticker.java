package dev.keel.tuf.transport;

/**
 * A monotonic time source in nanoseconds, for measuring durations only (never wall-clock time).
 * Tests pass a fake to make rate checks deterministic.
 */
@FunctionalInterface
public interface Ticker {

  long nanos();

  /** {@link System#nanoTime()}. */
  static Ticker system() {
    return System::nanoTime;
  }
}
