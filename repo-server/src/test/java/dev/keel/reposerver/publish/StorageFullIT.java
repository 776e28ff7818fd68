package dev.keel.reposerver.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keel.reposerver.TestData;
import dev.keel.reposerver.store.StorageFullException;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.storage.FileSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk is reported as a full disk (issue 13, item 9), never as a repository that "does not
 * verify", and the repository is unchanged and publishes again once space is back.
 */
class StorageFullIT {
  private static final Path DEV_FULL = Path.of("/dev/full");

  @TempDir Path dir;
  private Path mounted;

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      run("umount", mounted.toString());
    }
  }

  /** Metadata writes hit a device that is full: the kernel's ENOSPC from /dev/full. */
  @Test
  void aFullDiskWhileWritingMetadataIsReportedAsAFullDisk() throws Exception {
    assumeTrue(Files.isWritable(DEV_FULL), "needs /dev/full");
    FullSwitch sink = new FullSwitch();
    TestData data = new TestData(dir, sink);
    data.publisher.publish(PublisherTestAccess.release(data, "1.0.0"), Permission.ADMIN);
    PublishRequest next = PublisherTestAccess.release(data, "1.1.0");
    sink.full = true;
    StorageFullException e =
        assertThrows(
            StorageFullException.class, () -> data.publisher.publish(next, Permission.ADMIN));
    assertTrue(
        e.getMessage().contains("disk is full")
            && e.getMessage().contains("No space left on device"),
        e.getMessage());
    sink.full = false;
    assertEquals(1, data.manifest(TestData.REPO).updates().size());
    data.publisher.publish(next, Permission.ADMIN);
    assertEquals(2, data.manifest(TestData.REPO).updates().size());
  }

  /**
   * A real, small, full file system (tmpfs; needs the right to mount, so skipped where there is
   * none): the publisher's scratch copy of the metadata cannot be written. This used to be reported
   * as "does not verify".
   */
  @Test
  void aRealFullFileSystemIsReportedAsAFullDisk() throws Exception {
    Path mount = Files.createDirectory(dir.resolve("small"));
    assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString()) == 0,
        "cannot mount a tmpfs");
    mounted = mount;
    TestData data = new TestData(mount);
    data.publisher.publish(PublisherTestAccess.release(data, "1.0.0"), Permission.ADMIN);
    PublishRequest next = PublisherTestAccess.release(data, "1.1.0");
    Path filler = mount.resolve("filler");
    fill(filler);

    StorageFullException publish =
        assertThrows(
            StorageFullException.class, () -> data.publisher.publish(next, Permission.ADMIN));
    assertFalse(publish.getMessage().contains("does not verify"), publish.getMessage());
    assertTrue(publish.getMessage().contains("disk is full"), publish.getMessage());
    assertThrows(StorageFullException.class, () -> data.upload("x".repeat(64 * 1024)));

    Files.delete(filler);
    data.publisher.validate(TestData.REPO, true);
    data.publisher.publish(next, Permission.ADMIN);
    assertEquals(2, data.manifest(TestData.REPO).updates().size());
  }

  private static void fill(Path file) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
        throw e;
      }
    }
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  /**
   * Atomic writes, except while {@link #full}: then every write goes to /dev/full and fails as a
   * full disk does.
   */
  private static final class FullSwitch implements FileSink {
    private final FileSink real = new AtomicFiles();
    volatile boolean full;

    private void check(Path target, byte[] bytes) throws StorageException {
      if (full) {
        try {
          Files.write(DEV_FULL, bytes.length == 0 ? new byte[1] : bytes);
        } catch (IOException e) {
          throw new StorageException(target, "cannot write", e);
        }
        throw new IllegalStateException("/dev/full accepted a write");
      }
    }

    @Override
    public void write(Path target, byte[] bytes) throws StorageException {
      check(target, bytes);
      real.write(target, bytes);
    }

    @Override
    public void copy(InputStream source, Path target) throws StorageException {
      check(target, new byte[1]);
      real.copy(source, target);
    }

    @Override
    public void link(Path existing, Path target, LinkKind kind) throws StorageException {
      check(target, new byte[1]);
      real.link(existing, target, kind);
    }
  }
}
