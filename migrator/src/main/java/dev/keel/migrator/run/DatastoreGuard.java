package dev.keel.migrator.run;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a migration must leave alone, recorded before it runs: the entries of the datastore
 * directory (links with their targets) and every file of the datastore the links point to (size and
 * modification time). {@link #changes} lists what differs afterwards, allowing only the new target
 * directories. This detects a migration writing outside its target; it does not sandbox one.
 */
final class DatastoreGuard {
  private final Path dir;
  private final Path protectedDatastore;
  private final Map<String, String> entries;
  private final Map<String, String> files;

  private DatastoreGuard(
      Path dir, Path protectedDatastore, Map<String, String> entries, Map<String, String> files) {
    this.dir = dir;
    this.protectedDatastore = protectedDatastore;
    this.entries = entries;
    this.files = files;
  }

  static DatastoreGuard record(Path dir, Path protectedDatastore) throws IOException {
    return new DatastoreGuard(dir, protectedDatastore, entries(dir), files(protectedDatastore));
  }

  /** The link targets recorded, to put back links a migration changed. */
  Map<String, String> links() {
    Map<String, String> links = new TreeMap<>();
    entries.forEach(
        (name, what) -> {
          if (what.startsWith("link:")) {
            links.put(name, what.substring("link:".length()));
          }
        });
    return links;
  }

  /** What changed since {@link #record}, besides the new entries named in {@code allowed}. */
  List<String> changes(Set<String> allowed) throws IOException {
    List<String> changes = new ArrayList<>();
    Map<String, String> now = entries(dir);
    for (var e : now.entrySet()) {
      String before = entries.get(e.getKey());
      if (before == null && !allowed.contains(e.getKey())) {
        changes.add("created " + dir.resolve(e.getKey()));
      } else if (before != null && !before.equals(e.getValue())) {
        changes.add("changed " + dir.resolve(e.getKey()));
      }
    }
    for (String name : entries.keySet()) {
      if (!now.containsKey(name)) {
        changes.add("removed " + dir.resolve(name));
      }
    }
    Map<String, String> after = files(protectedDatastore);
    for (var e : after.entrySet()) {
      if (!Objects.equals(files.get(e.getKey()), e.getValue())) {
        changes.add(
            (files.containsKey(e.getKey()) ? "changed " : "created ")
                + protectedDatastore.resolve(e.getKey()));
      }
    }
    for (String f : files.keySet()) {
      if (!after.containsKey(f)) {
        changes.add("removed " + protectedDatastore.resolve(f));
      }
    }
    return changes;
  }

  private static Map<String, String> entries(Path dir) throws IOException {
    Map<String, String> map = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.toList()) {
        String what =
            Files.isSymbolicLink(p)
                ? "link:" + Files.readSymbolicLink(p)
                : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "file";
        map.put(p.getFileName().toString(), what);
      }
    }
    return map;
  }

  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> map = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            map.put(root.relativize(d) + "/", "dir");
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            map.put(
                root.relativize(file).toString(),
                attrs.size()
                    + "@"
                    + attrs.lastModifiedTime().toMillis()
                    + (attrs.isSymbolicLink() ? "L" : ""));
            return FileVisitResult.CONTINUE;
          }
        });
    return map;
  }
}
