package dev.keel.updog.install;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts the write-back of a partition while the image is still being written: every {@code
 * interval} bytes, a {@code fdatasync} of the disk channel on a thread of its own (at most one at a
 * time), so that the disk works while the CPUs decode and the final {@code fsync} finds little left
 * to write. Without it, the kernel keeps the whole image dirty in the page cache (a 2 GiB image is
 * below the usual background write-back threshold) and the final {@code fsync} writes all of it
 * while nothing else runs.
 *
 * <p>A failed background sync is not lost: Linux reports a write-back error to one {@code fsync} of
 * an open file only, so the error is kept and thrown by {@link #finish}.
 */
final class EarlyWriteback implements AutoCloseable {
  private final FileChannel disk;
  private final long interval;
  private final ExecutorService thread;
  private long lastStart;
  private Future<?> running;
  private volatile IOException failure;

  EarlyWriteback(FileChannel disk, long interval, String threadName) {
    this.disk = disk;
    this.interval = interval;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  /** Called by the writer after each write with the bytes written so far. */
  void written(long total) {
    if (total - lastStart < interval || (running != null && !running.isDone())) {
      return;
    }
    lastStart = total;
    running =
        thread.submit(
            () -> {
              try {
                disk.force(false);
              } catch (IOException e) {
                failure = e;
              }
            });
  }

  /** Waits for a background sync, then forces the channel (data and metadata) to the disk. */
  void finish() throws IOException {
    awaitRunning();
    if (failure != null) {
      throw failure;
    }
    disk.force(true);
  }

  private void awaitRunning() throws IOException {
    if (running == null) {
      return;
    }
    try {
      running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the disk");
    } catch (ExecutionException e) {
      // The task keeps IOExceptions in failure; anything else is unchecked and rethrown as it is.
      throw (RuntimeException) e.getCause();
    }
  }

  /**
   * Waits for a background sync still running (its outcome no longer matters: {@link #finish} was
   * not reached or already threw), so that none outlives the disk channel, and stops the thread.
   */
  @Override
  public void close() {
    try {
      awaitRunning();
    } catch (IOException | RuntimeException ignored) {
      // The install has already failed or finished; this only keeps the order of closing.
    } finally {
      thread.shutdown();
    }
  }
}
