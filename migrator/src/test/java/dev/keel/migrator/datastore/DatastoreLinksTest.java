package dev.keel.migrator.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.manifest.SemVer;
import dev.keel.migrator.MigratorException.BadDatastoreLinks;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.testkit.DyingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreLinksTest {
  @TempDir Path dir;
  private final DatastoreNames names = new DatastoreNames(new Random(3));

  private static SemVer v(String s) throws Exception {
    return SemVer.parse(s);
  }

  @Test
  void createMakesTheChainAndTheVersionIsReadFromTheLinks() throws Exception {
    DatastoreLinks links = new DatastoreLinks(dir, new AtomicFiles());
    Path ds = links.create(v("1.5.2"), names);
    assertTrue(Files.isDirectory(ds.resolve("live")));
    assertTrue(ds.getFileName().toString().matches("v1\\.5\\.2_[A-Za-z0-9]{16}"), ds.toString());
    assertEquals("v1", Files.readSymbolicLink(dir.resolve("current")).toString());
    assertEquals("v1.5", Files.readSymbolicLink(dir.resolve("v1")).toString());
    assertEquals("v1.5.2", Files.readSymbolicLink(dir.resolve("v1.5")).toString());
    assertEquals(
        ds.getFileName().toString(), Files.readSymbolicLink(dir.resolve("v1.5.2")).toString());
    assertEquals(v("1.5.2"), links.version());
    assertEquals(ds.toRealPath(), links.resolveCurrent());
    assertThrows(IOException.class, () -> links.create(v("1.5.2"), names));
  }

  @Test
  void aLinkOnlyVersionIsTheLinksNotTheDirectoryName() throws Exception {
    DatastoreLinks links = new DatastoreLinks(dir, new AtomicFiles());
    Path ds = links.create(v("1.5.2"), names);
    links.flip(v("1.5.3"), ds.getFileName().toString());
    assertEquals(v("1.5.3"), links.version());
    assertEquals(ds.toRealPath(), links.resolveCurrent());
  }

  @Test
  void brokenChainsAreNamed() throws Exception {
    DatastoreLinks links = new DatastoreLinks(dir, new AtomicFiles());
    assertThrows(BadDatastoreLinks.class, links::version);
    Files.createDirectory(dir.resolve("v1"));
    Files.createSymbolicLink(dir.resolve("current"), Path.of("v1"));
    BadDatastoreLinks e = assertThrows(BadDatastoreLinks.class, links::version);
    assertTrue(e.getMessage().contains("not a symbolic link"), e.getMessage());
  }

  /**
   * Kills the flip at every step: current always resolves to a complete datastore, and the version
   * read is that datastore's. Within a major version the switch is the major link's rename (step
   * 3), across major versions the rename of current itself (step 4).
   */
  @Test
  void aFlipKilledAtEveryStepLeavesCurrentOnAWholeDatastore() throws Exception {
    for (String target : new String[] {"1.5.0", "2.0.0"}) {
      int switchStep = target.startsWith("1.") ? 3 : 4;
      for (int step = 0; step < 4; step++) {
        Path d = Files.createDirectories(dir.resolve(target + "-round" + step));
        DatastoreLinks healthy = new DatastoreLinks(d, new AtomicFiles());
        Path old = healthy.create(v("1.4.1"), names);
        Path fresh =
            Files.createDirectories(d.resolve(names.newDirectory(v(target))).resolve("live"))
                .getParent();
        DatastoreLinks dying = new DatastoreLinks(d, DyingSink.after(step));
        assertThrows(
            StorageException.class, () -> dying.flip(v(target), fresh.getFileName().toString()));
        boolean switched = step >= switchStep;
        String at = target + " step " + step;
        assertEquals((switched ? fresh : old).toRealPath(), healthy.resolveCurrent(), at);
        assertEquals(v(switched ? target : "1.4.1"), healthy.version(), at);
        assertEquals(0, strayTemporaryLinks(d), at);
        healthy.flip(v(target), fresh.getFileName().toString());
        assertEquals(fresh.toRealPath(), healthy.resolveCurrent(), at);
        assertEquals(v(target), healthy.version(), at);
      }
    }
  }

  private static long strayTemporaryLinks(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".")).count();
    }
  }
}
