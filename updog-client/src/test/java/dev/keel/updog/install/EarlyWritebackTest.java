package dev.keel.updog.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyWritebackTest {

  @Test
  void syncsInTheBackgroundEveryIntervalAndForcesDataAndMetadataAtTheEnd(@TempDir Path dir)
      throws Exception {
    try (RecordingChannel disk = new RecordingChannel(dir.resolve("disk"));
        EarlyWriteback writeback = new EarlyWriteback(disk, 100, "test-writeback")) {
      writeback.written(99); // below the interval: nothing
      writeback.written(100); // one background fdatasync
      disk.awaitSyncs(1);
      writeback.written(150); // 50 since the last one: nothing
      // The next one, once the first has finished (its force is recorded just before it ends, so
      // the call is repeated until it is taken; a repeat after that is below the interval).
      disk.awaitSyncs(2, () -> writeback.written(200));
      writeback.finish();
      assertEquals(List.of(false, false, true), disk.syncs());
    }
  }

  @Test
  void aFailedBackgroundSyncIsThrownByFinishEvenWhenTheLastSyncSucceeds(@TempDir Path dir)
      throws Exception {
    IOException eio = new IOException("Input/output error");
    try (RecordingChannel disk = new RecordingChannel(dir.resolve("disk"));
        EarlyWriteback writeback = new EarlyWriteback(disk, 100, "test-writeback")) {
      disk.failDataSyncs(eio);
      writeback.written(100);
      disk.awaitSyncs(1);
      assertSame(eio, assertThrows(IOException.class, writeback::finish));
      // Linux reports a write-back error to one fsync only: the final one would have passed.
      assertEquals(List.of(false), disk.syncs());
    }
  }

  @Test
  void atMostOneBackgroundSyncRunsAtATime(@TempDir Path dir) throws Exception {
    try (RecordingChannel disk = new RecordingChannel(dir.resolve("disk"));
        EarlyWriteback writeback = new EarlyWriteback(disk, 100, "test-writeback")) {
      CountDownLatch release = new CountDownLatch(1);
      disk.holdDataSyncs(release);
      writeback.written(100);
      writeback.written(200); // the first one still runs: skipped
      writeback.written(300);
      release.countDown();
      writeback.finish();
      assertEquals(List.of(false, true), disk.syncs());
    }
  }

  /** A real file whose {@code force} calls are recorded, and can be held or made to fail. */
  private static final class RecordingChannel extends FileChannel {
    private final FileChannel file;
    private final List<Boolean> syncs = Collections.synchronizedList(new ArrayList<>());
    private volatile IOException dataSyncFailure;
    private volatile CountDownLatch hold;

    RecordingChannel(Path path) throws IOException {
      file =
          FileChannel.open(
              path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    void failDataSyncs(IOException e) {
      dataSyncFailure = e;
    }

    void holdDataSyncs(CountDownLatch latch) {
      hold = latch;
    }

    List<Boolean> syncs() {
      return List.copyOf(syncs);
    }

    void awaitSyncs(int n) throws InterruptedException {
      awaitSyncs(n, () -> {});
    }

    /** Waits until {@code n} syncs were recorded, running {@code poke} before each look. */
    void awaitSyncs(int n, Runnable poke) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (syncs.size() < n) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("not " + n + " syncs after 10 s: " + syncs);
        }
        poke.run();
        Thread.sleep(1);
      }
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (!metaData) {
        CountDownLatch latch = hold;
        if (latch != null) {
          try {
            latch.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        if (dataSyncFailure != null) {
          syncs.add(metaData);
          throw dataSyncFailure;
        }
      }
      file.force(metaData);
      syncs.add(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return file.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      return file.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      file.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      return file.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return file.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }
}
