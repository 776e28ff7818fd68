package dev.keel.tuf.testkit;

import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.storage.FileSink;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FileSink} that stops working after a number of operations, like a process that died
 * there: every operation from then on fails. Crash tests arm it at each point of a publish in turn.
 */
public final class DyingSink implements FileSink {
  private final FileSink real = new AtomicFiles();
  private final AtomicInteger remaining = new AtomicInteger(Integer.MAX_VALUE);

  /** A sink that completes {@code operations} operations and fails every one after them. */
  public static DyingSink after(int operations) {
    DyingSink sink = new DyingSink();
    sink.arm(operations);
    return sink;
  }

  /** Never fails until {@link #arm} is called. */
  public DyingSink() {}

  public void arm(int operations) {
    remaining.set(operations);
  }

  public void disarm() {
    remaining.set(Integer.MAX_VALUE);
  }

  private void tick(Path target) throws StorageException {
    if (remaining.getAndDecrement() <= 0) {
      throw new StorageException(target, "simulated crash", null);
    }
  }

  @Override
  public void write(Path target, byte[] bytes) throws StorageException {
    tick(target);
    real.write(target, bytes);
  }

  @Override
  public void copy(InputStream source, Path target) throws StorageException {
    tick(target);
    real.copy(source, target);
  }

  @Override
  public void link(Path existing, Path target, LinkKind kind) throws StorageException {
    tick(target);
    real.link(existing, target, kind);
  }
}
