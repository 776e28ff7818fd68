package dev.keel.migrator.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.manifest.SemVer;
import dev.keel.tuf.storage.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreCleanupTest {
  @TempDir Path dir;

  @Test
  void removesOnlyUnreferencedDatastoreDirectories() throws Exception {
    DatastoreNames names = new DatastoreNames(new Random(5));
    DatastoreLinks links = new DatastoreLinks(dir, new AtomicFiles());
    Path v100 = links.create(SemVer.parse("1.0.0"), names);
    Path v110 = Files.createDirectories(dir.resolve(names.newDirectory(SemVer.parse("1.1.0"))));
    links.flip(SemVer.parse("1.1.0"), v110.getFileName().toString());
    Path failed =
        Files.createDirectories(
            dir.resolve(names.newDirectory(SemVer.parse("1.2.0"))).resolve("live/x"));
    Path previous = Files.createDirectories(dir.resolve(names.newDirectory(SemVer.parse("0.9.0"))));
    Path notOurs = Files.createDirectories(dir.resolve("backup"));
    Path outside =
        Files.createDirectories(
            dir.getParent().resolve(dir.getFileName() + "-outside").resolve("keep"));
    Path linkedOut = dir.resolve(names.newDirectory(SemVer.parse("1.3.0")));
    Files.createSymbolicLink(linkedOut, outside.getParent());
    Path failedDatastore = failed.getParent().getParent().toRealPath();
    List<String> failures = new ArrayList<>();
    List<Path> removed = DatastoreCleanup.removeUnreferenced(dir, Set.of(previous), failures);
    assertEquals(List.of(failedDatastore), removed);
    assertTrue(failures.isEmpty());
    assertTrue(Files.isDirectory(v100), "v1.0.0 still points at it");
    assertTrue(Files.isDirectory(v110));
    assertTrue(Files.isDirectory(previous), "kept as asked");
    assertTrue(Files.isDirectory(notOurs), "not named like a datastore");
    assertTrue(Files.isDirectory(outside), "links are never followed");
    assertFalse(Files.exists(failed));
  }
}
