package dev.keel.reposerver.http;

import dev.keel.tuf.model.MetadataPaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The metadata of one repository as read from its folder at one moment: every file up to {@link
 * FileRoutes#SMALL_FILE} as a ready {@link MetadataFile}, and the names of larger ones, which are
 * sent from disk. The server answers every request for the repository from one set until a whole
 * new set replaces it, so it never mixes files of two states. Immutable.
 */
final class MetadataSet {
  private static final int ATTEMPTS = 5;

  /** A file's ready response and the stat it was read under. */
  private record Held(MetadataFile response, FileStamp stamp) {}

  private final Map<String, Held> inMemory;
  private final Set<String> onDisk;

  private MetadataSet(Map<String, Held> inMemory, Set<String> onDisk) {
    this.inMemory = Map.copyOf(inMemory);
    this.onDisk = Set.copyOf(onDisk);
  }

  /**
   * Reads {@code dir}; empty if it holds no {@code timestamp.json} (no repository). The timestamp
   * is read first: everything it leads to was written before it, so the set never holds a timestamp
   * whose snapshot it lacks. A file of {@code previous} (null for none) whose stat is unchanged is
   * taken over without reading it again: files are replaced by rename, and versioned ones never
   * change. Blocking.
   */
  static Optional<MetadataSet> read(Path dir, MetadataSet previous) throws IOException {
    Map<String, Held> inMemory = new HashMap<>();
    Set<String> onDisk = new HashSet<>();
    String timestamp = MetadataPaths.timestamp();
    if (!add(dir.resolve(timestamp), previous, inMemory, onDisk)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") && !name.equals(timestamp)) {
          add(file, previous, inMemory, onDisk); // one deleted since the listing is left out
        }
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(new MetadataSet(inMemory, onDisk));
  }

  /** The ready response for {@code name}, or null if it is not held in memory. */
  MetadataFile inMemory(String name) {
    Held held = inMemory.get(name);
    return held == null ? null : held.response();
  }

  /** Whether {@code name} is a file too large to hold, sent from disk. */
  boolean onDisk(String name) {
    return onDisk.contains(name);
  }

  /**
   * Adds the regular file {@code file}; false if there is none. Its stat before and after the read
   * must agree (files are replaced by rename, so a new inode shows a replacement mid-read).
   */
  private static boolean add(
      Path file, MetadataSet previous, Map<String, Held> inMemory, Set<String> onDisk)
      throws IOException {
    String name = file.getFileName().toString();
    Held known = previous == null ? null : previous.inMemory.get(name);
    for (int i = 0; i < ATTEMPTS; i++) {
      BasicFileAttributes before;
      BasicFileAttributes after;
      byte[] bytes;
      try {
        before = Files.readAttributes(file, BasicFileAttributes.class);
        if (!before.isRegularFile()) {
          return false;
        }
        if (before.size() > FileRoutes.SMALL_FILE) {
          onDisk.add(name);
          return true;
        }
        if (known != null && known.stamp().matches(before)) {
          inMemory.put(name, known);
          return true;
        }
        bytes = Files.readAllBytes(file);
        after = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        return false;
      }
      if (bytes.length == after.size() && FileStamp.of(before).matches(after)) {
        inMemory.put(
            name,
            new Held(
                MetadataFile.of(name, bytes, after.lastModifiedTime().toMillis()),
                FileStamp.of(after)));
        return true;
      }
    }
    throw new IOException(file + " kept changing while it was read");
  }
}
