package dev.keel.tuf.client;

import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.model.MetadataPaths;
import dev.keel.tuf.storage.FileSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The client's metadata directory: the newest trusted {@code root.json}, {@code timestamp.json},
 * {@code snapshot.json}, {@code targets.json} and delegated roles, under unversioned names and as
 * the exact bytes received, each replaced atomically. The latest known time is kept beside them in
 * {@code latest-known-time} (not a {@code .json} file, so only metadata ends in {@code .json}).
 */
public final class MetadataCache {
  static final String LATEST_KNOWN_TIME = "latest-known-time";
  private final Path dir;
  private final FileSink sink;

  public MetadataCache(Path dir, FileSink sink) {
    this.dir = dir;
    this.sink = sink;
  }

  public Path directory() {
    return dir;
  }

  /**
   * The cache file of a role: {@code root.json}, {@code targets.json}, {@code <encoded
   * delegated>.json}.
   */
  public static String fileName(String roleName) {
    return MetadataPaths.encodeSegment(roleName) + ".json";
  }

  public Optional<byte[]> read(String roleName) throws StorageException {
    Path file = dir.resolve(fileName(roleName));
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException(file, "could not read cached metadata", e);
    }
  }

  public void write(String roleName, byte[] bytes) throws StorageException {
    sink.write(dir.resolve(fileName(roleName)), bytes);
  }

  public void delete(String roleName) throws StorageException {
    Path file = dir.resolve(fileName(roleName));
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StorageException(file, "could not delete cached metadata", e);
    }
  }

  public Optional<Instant> latestKnownTime() throws StorageException {
    Path file = dir.resolve(LATEST_KNOWN_TIME);
    try {
      return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.UTF_8).trim()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | DateTimeParseException e) {
      throw new StorageException(file, "could not read the latest known time", e);
    }
  }

  public void recordTime(Instant now) throws StorageException {
    sink.write(
        dir.resolve(LATEST_KNOWN_TIME), (now.toString() + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
