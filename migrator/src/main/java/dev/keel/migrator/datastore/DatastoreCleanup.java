package dev.keel.migrator.datastore;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes datastore directories that no link points to (the original's issue #2589: failed and
 * interrupted migrations filled the disk). Only real directories named like datastores ({@link
 * DatastoreNames#isDatastoreDirectory}) are candidates; the ones given as kept (the current and the
 * previous datastore) and every one a link resolves to stay. Links are never followed while
 * deleting.
 */
public final class DatastoreCleanup {
  private DatastoreCleanup() {}

  /**
   * Returns the directories removed; one that cannot be removed is skipped and named in {@code
   * failures}.
   */
  public static List<Path> removeUnreferenced(Path dir, Set<Path> keep, List<String> failures)
      throws IOException {
    Set<Path> referenced = new HashSet<>();
    for (Path k : keep) {
      referenced.add(k.toAbsolutePath().normalize());
    }
    List<Path> candidates = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        if (Files.isSymbolicLink(p)) {
          try {
            referenced.add(p.toRealPath());
          } catch (IOException dangling) {
            // A dangling link protects nothing.
          }
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            && DatastoreNames.isDatastoreDirectory(p.getFileName().toString())) {
          candidates.add(p.toRealPath());
        }
      }
    }
    List<Path> removed = new ArrayList<>();
    for (Path c : candidates) {
      if (referenced.contains(c)) {
        continue;
      }
      try {
        deleteTree(c);
        removed.add(c);
      } catch (IOException e) {
        failures.add(c + ": " + e.getMessage());
      }
    }
    return removed;
  }

  /** Deletes a directory tree without following links. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
