package dev.keel.datastore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The settings datastore on disk (the original's {@code FilesystemDataStore}): under a datastore
 * directory, {@code live/} holds the committed settings and {@code pending/<transaction>/} each
 * uncommitted transaction. Data key {@code a.b.c} is the file {@code a/b/c}, each segment
 * percent-encoded ({@link PathEncoding}); its metadata {@code m} is the file {@code a/b/c.m}. Files
 * hold JSON values ({@code "text"}, {@code 42}, {@code true}, {@code ["a","b"]}); this class stores
 * the text as given and never parses it.
 *
 * <p>Rules: a path that would resolve outside its base ({@code live/} or the transaction's
 * directory) is refused; deleting a key removes the parent directories it leaves empty, up to the
 * base; a symbolic link on the way to a key counts as outside. Writes are plain (not atomic): the
 * migrator never changes a datastore in use, it writes a fresh copy and switches the version links.
 * Not thread-safe.
 */
public final class FilesystemDatastore {
  private static final String METADATA_SEPARATOR = ".";
  private final Path dir;

  private FilesystemDatastore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The datastore in directory {@code dir} (which need not exist yet). */
  public static FilesystemDatastore at(Path dir) {
    return new FilesystemDatastore(dir);
  }

  public Path directory() {
    return dir;
  }

  /**
   * The directory of {@code committed}: {@code live/} or {@code pending/<encoded transaction>/}.
   */
  public Path basePath(Committed committed) {
    if (committed instanceof Committed.Pending p) {
      return dir.resolve("pending").resolve(PathEncoding.encode(p.transaction()));
    }
    return dir.resolve("live");
  }

  /** Whether {@code live/} exists. */
  public boolean exists() {
    return Files.isDirectory(basePath(Committed.LIVE));
  }

  /**
   * The file of a data key.
   *
   * @throws PathTraversalException if it would resolve outside the base of {@code committed}
   */
  public Path dataPath(Key key, Committed committed) throws PathTraversalException {
    Path base = basePath(committed);
    return inside(encodedPath(key, base), base, key.name());
  }

  private static Path encodedPath(Key key, Path base) throws PathTraversalException {
    Path path = base;
    for (String segment : key.segments()) {
      path = path.resolve(PathEncoding.encode(segment));
    }
    Path normal = path.normalize();
    if (normal.equals(base) || !normal.startsWith(base)) {
      throw new PathTraversalException(key.name(), base);
    }
    return normal;
  }

  /**
   * {@code path} if it stays below {@code base}: after normalizing, and with no symbolic link on
   * the way (a link planted in the tree could otherwise carry a write anywhere).
   */
  private static Path inside(Path path, Path base, String name) throws PathTraversalException {
    Path normal = path.normalize();
    if (normal.equals(base) || !normal.startsWith(base)) {
      throw new PathTraversalException(name, base);
    }
    noLinks(normal, base, name);
    return normal;
  }

  private static void noLinks(Path normal, Path base, String name) throws PathTraversalException {
    for (Path p = normal; !p.equals(base); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new PathTraversalException(name, base);
      }
    }
    if (Files.isSymbolicLink(base)) {
      throw new PathTraversalException(name, base);
    }
  }

  /** The file of metadata {@code name} of data key {@code key}. */
  public Path metadataPath(Key key, String name, Committed committed)
      throws PathTraversalException, InvalidKeyException {
    Key meta = Key.parseMetadata(name);
    Path data = dataPath(key, committed);
    Path file =
        data.resolveSibling(
            data.getFileName() + METADATA_SEPARATOR + PathEncoding.encode(meta.segments().get(0)));
    return inside(file, basePath(committed), key.name() + " metadata " + name);
  }

  /** The JSON text stored for {@code key}, if any. */
  public Optional<String> get(Key key, Committed committed) throws DatastoreException {
    return read(dataPath(key, committed));
  }

  /** Stores {@code json} (a JSON value, not checked here) for {@code key}, creating directories. */
  public void set(Key key, String json, Committed committed) throws DatastoreException {
    write(dataPath(key, committed), json);
  }

  /** Removes {@code key}'s value (not its metadata); returns whether it existed. */
  public boolean unset(Key key, Committed committed) throws DatastoreException {
    return delete(dataPath(key, committed), basePath(committed));
  }

  public Optional<String> getMetadata(Key key, String name, Committed committed)
      throws DatastoreException {
    return read(metadataPath(key, name, committed));
  }

  public void setMetadata(Key key, String name, String json, Committed committed)
      throws DatastoreException {
    write(metadataPath(key, name, committed), json);
  }

  public boolean unsetMetadata(Key key, String name, Committed committed)
      throws DatastoreException {
    return delete(metadataPath(key, name, committed), basePath(committed));
  }

  /**
   * Reads every data and metadata key of {@code committed} in one walk. A missing pending
   * transaction reads as empty; a missing {@code live/} is a corrupt datastore. Files whose names
   * are not valid keys are skipped, as the original does.
   */
  public DatastoreContents read(Committed committed) throws DatastoreException {
    Path base = basePath(committed);
    SortedMap<Key, String> data = new TreeMap<>();
    SortedMap<Key, SortedMap<String, String>> metadata = new TreeMap<>();
    if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
      if (committed instanceof Committed.Live) {
        throw new CorruptDatastoreException(base, "live datastore missing");
      }
      return new DatastoreContents(data, metadata);
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk =
        Files.find(base, Integer.MAX_VALUE, (p, attrs) -> attrs.isRegularFile())) {
      walk.forEach(files::add);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new DatastoreIOException(
          base,
          "could not list keys",
          e instanceof IOException io ? io : ((java.io.UncheckedIOException) e).getCause());
    }
    for (Path file : files) {
      Optional<KeyPath> kp = KeyPath.of(base.relativize(file));
      if (kp.isEmpty()) {
        continue;
      }
      String value = read(file).orElse(null);
      if (value == null) {
        continue;
      }
      if (kp.get().metadata().isPresent()) {
        metadata
            .computeIfAbsent(kp.get().key(), k -> new TreeMap<>())
            .put(kp.get().metadata().get(), value);
      } else {
        data.put(kp.get().key(), value);
      }
    }
    return new DatastoreContents(data, metadata);
  }

  /**
   * The data keys of {@code committed} whose names start with {@code prefix} (a plain string
   * prefix).
   */
  public List<Key> keys(String prefix, Committed committed) throws DatastoreException {
    return read(committed).data().keySet().stream()
        .filter(k -> k.name().startsWith(prefix))
        .toList();
  }

  /** The names of the pending transactions, decoded, in name order. */
  public List<String> transactions() throws DatastoreException {
    Path pending = dir.resolve("pending");
    if (!Files.isDirectory(pending, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(pending)) {
      dirs = list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    } catch (IOException e) {
      throw new DatastoreIOException(pending, "could not list transactions", e);
    }
    List<String> names = new ArrayList<>();
    for (Path p : dirs) {
      names.add(
          PathEncoding.decode(p.getFileName().toString())
              .orElseThrow(
                  () ->
                      new CorruptDatastoreException(
                          p, "transaction directory name is not valid percent-encoded UTF-8")));
    }
    names.sort(null);
    return names;
  }

  /**
   * Writes every key of {@code contents} into {@code committed}. Each directory is made and checked
   * for links once, not once per key: this is the migrations' bulk path.
   */
  public void write(DatastoreContents contents, Committed committed) throws DatastoreException {
    Path base = basePath(committed);
    try {
      Files.createDirectories(base);
    } catch (IOException e) {
      throw new DatastoreIOException(base, "could not create", e);
    }
    Set<Path> ready = new HashSet<>();
    for (var e : contents.data().entrySet()) {
      writeInto(ready, base, encodedPath(e.getKey(), base), e.getValue(), e.getKey().name());
    }
    for (var e : contents.metadata().entrySet()) {
      Path data = encodedPath(e.getKey(), base);
      for (var m : e.getValue().entrySet()) {
        Key meta = Key.parseMetadata(m.getKey());
        Path file =
            data.resolveSibling(
                data.getFileName()
                    + METADATA_SEPARATOR
                    + PathEncoding.encode(meta.segments().get(0)));
        writeInto(ready, base, file, m.getValue(), e.getKey().name());
      }
    }
  }

  private static void writeInto(Set<Path> ready, Path base, Path file, String json, String name)
      throws DatastoreException {
    Path dir = file.getParent();
    if (!ready.contains(dir)) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new DatastoreIOException(dir, "could not create", e);
      }
      noLinks(file, base, name);
      for (Path d = dir; !d.equals(base); d = d.getParent()) {
        ready.add(d);
      }
    } else if (Files.isSymbolicLink(file)) {
      throw new PathTraversalException(name, base);
    }
    try {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatastoreIOException(file, "could not write", e);
    }
  }

  private static Optional<String> read(Path file) throws DatastoreIOException {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new DatastoreIOException(file, "could not read", e);
    }
  }

  private static void write(Path file, String json) throws DatastoreIOException {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatastoreIOException(file, "could not write", e);
    }
  }

  /** Deletes {@code file}, then its parents while they are empty, stopping below {@code base}. */
  private static boolean delete(Path file, Path base) throws DatastoreIOException {
    boolean existed;
    try {
      existed = Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new DatastoreIOException(file, "could not delete", e);
    }
    for (Path parent = file.getParent();
        parent != null && !parent.equals(base) && parent.startsWith(base);
        parent = parent.getParent()) {
      try {
        Files.delete(parent);
      } catch (NoSuchFileException e) {
        // Already gone (an earlier delete stopped half-way): keep going up.
      } catch (DirectoryNotEmptyException e) {
        break;
      } catch (IOException e) {
        // The key is gone, which is what was asked; an empty directory left behind is harmless.
        break;
      }
    }
    return existed;
  }

  /**
   * A file's place in the key space: its data key, and the metadata name if it is a metadata file.
   */
  private record KeyPath(Key key, Optional<String> metadata) {
    static Optional<KeyPath> of(Path relative) {
      String s = relative.toString();
      int dot = s.indexOf('.');
      String dataPart = dot < 0 ? s : s.substring(0, dot);
      List<String> segments = new ArrayList<>();
      for (String encoded : dataPart.split("/", -1)) {
        Optional<String> segment = PathEncoding.decode(encoded);
        if (segment.isEmpty() || !validSegment(segment.get())) {
          return Optional.empty();
        }
        segments.add(segment.get());
      }
      Optional<String> meta = Optional.empty();
      if (dot >= 0) {
        meta = PathEncoding.decode(s.substring(dot + 1));
        if (meta.isEmpty() || !validSegment(meta.get())) {
          return Optional.empty();
        }
      }
      return Optional.of(new KeyPath(new Key(segments), meta));
    }

    private static boolean validSegment(String s) {
      if (s.isEmpty()) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) != '.' && !Key.validCharacter(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }
  }
}
