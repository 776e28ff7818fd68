package dev.keel.reposerver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.reposerver.publish.PublisherTestAccess;
import dev.keel.reposerver.store.PublishException;
import dev.keel.tuf.testkit.DyingSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-process crash test: the file sink "dies" at a random write of a publish (every later write of
 * that publish is lost too), then the repository must still verify with the client and serve either
 * the previous or the new manifest, and the next publish must succeed.
 */
class CrashIT {
  @TempDir Path dir;

  @Test
  void repositoryVerifiesAfterACrashAtAnyWrite() throws Exception {
    DyingSink sink = new DyingSink();
    TestData data = new TestData(dir, sink);
    Random random = new Random(42);
    int published = 0;
    int crashed = 0;
    for (int i = 0; i < 40; i++) {
      // A publish makes ~8 sink operations (3 images, manifest, targets, snapshot, root,
      // timestamp).
      var request = PublisherTestAccess.release(data, "1.0." + i);
      sink.arm(random.nextInt(10));
      try {
        data.publisher.publish(request, dev.keel.reposerver.publish.Permission.ADMIN);
        published++;
      } catch (PublishException e) {
        crashed++;
      }
      sink.disarm();
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
    data.publisher.publish(
        PublisherTestAccess.release(data, "2.0.0"), dev.keel.reposerver.publish.Permission.ADMIN);
    assertEquals(published + 1, data.manifest(TestData.REPO).updates().size());
  }
}
