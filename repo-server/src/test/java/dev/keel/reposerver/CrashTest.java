package dev.keel.reposerver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.reposerver.publish.PublisherTestAccess;
import dev.keel.reposerver.store.PublishException;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.storage.FileSink;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-process crash test: the file sink "dies" at a random write of a publish (every later write of
 * that publish is lost too), then the repository must still verify with the client and serve either
 * the previous or the new manifest, and the next publish must succeed.
 */
class CrashTest {
  @TempDir Path dir;

  /** Fails every operation from the armed one on, like a process that died there. */
  static final class DyingSink implements FileSink {
    private final FileSink real = new AtomicFiles();
    final AtomicInteger remaining = new AtomicInteger(Integer.MAX_VALUE);

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

  @Test
  void repositoryVerifiesAfterACrashAtAnyWrite() throws Exception {
    DyingSink sink = new DyingSink();
    TestData data = new TestData(dir, sink);
    Random random = new Random(42);
    int published = 0;
    int crashed = 0;
    for (int i = 0; i < 40; i++) {
      // A publish makes ~8 sink operations (3 images, manifest, targets, snapshot, root, timestamp).
      var request = PublisherTestAccess.release(data, "1.0." + i);
      sink.remaining.set(random.nextInt(10));
      try {
        data.publisher.publish(request);
        published++;
      } catch (PublishException e) {
        crashed++;
      }
      sink.remaining.set(Integer.MAX_VALUE);
      if (random.nextBoolean()) {
        data.clock.advance(Duration.ofSeconds(1));
      }
      if (data.publisher.store().exists(TestData.REPO)) {
        data.publisher.validate(TestData.REPO, true);
        assertEquals(published, data.manifest(TestData.REPO).updates().size());
      } else {
        assertEquals(0, published);
      }
    }
    assertTrue(crashed > 5 && published > 5, "crashed " + crashed + ", published " + published);
    data.publisher.publish(PublisherTestAccess.release(data, "2.0.0"));
    assertEquals(published + 1, data.manifest(TestData.REPO).updates().size());
  }
}
