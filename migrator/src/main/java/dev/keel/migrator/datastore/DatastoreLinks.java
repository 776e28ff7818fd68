package dev.keel.migrator.datastore;

import dev.keel.manifest.SemVer;
import dev.keel.manifest.VersionFormatException;
import dev.keel.migrator.MigratorException.BadDatastoreLinks;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.storage.FileSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotLinkException;
import java.nio.file.Path;

/**
 * The versioned symlink chain of a datastore directory (§5.1), all links relative and side by side:
 * {@code current -> vM -> vM.m -> vM.m.p -> vM.m.p_<random>/}.
 *
 * <p>The version is read from the links, never from the real directory's name: a version that
 * needed no migration has its own patch link to an older directory ({@code v1.5.3 -> v1.5.2_XXXX}),
 * and is 1.5.3. A flip replaces the four links bottom-up, each by a new link under a temporary name
 * renamed over the old one ({@link FileSink#link}, then an fsync of the directory), so at every
 * instant {@code current} resolves to a complete datastore: the old one until the last rename, the
 * new one after it.
 */
public final class DatastoreLinks {
  public static final String CURRENT = "current";
  private final Path dir;
  private final FileSink sink;

  /**
   * @param dir the directory that holds {@code current}; @param sink does each link replacement
   */
  public DatastoreLinks(Path dir, FileSink sink) {
    this.dir = dir;
    this.sink = sink;
  }

  public Path directory() {
    return dir;
  }

  /**
   * The datastore version: {@code current}, then the major link, then the minor link's target name
   * without its leading {@code v}.
   *
   * @throws BadDatastoreLinks if a link is missing or not a link, or the name is not a version
   */
  public SemVer version() throws BadDatastoreLinks {
    String major = readLink(CURRENT);
    String minor = readLink(major);
    String patch = readLink(minor);
    if (!patch.startsWith("v")) {
      throw new BadDatastoreLinks(
          "datastore link " + dir.resolve(minor) + " -> " + patch + " does not name a version");
    }
    try {
      return SemVer.parse(patch.substring(1));
    } catch (VersionFormatException e) {
      throw new BadDatastoreLinks(
          "datastore link " + dir.resolve(minor) + " -> " + patch + ": " + e.getMessage(), e);
    }
  }

  /** The real datastore directory {@code current} resolves to. */
  public Path resolveCurrent() throws BadDatastoreLinks {
    try {
      return dir.resolve(CURRENT).toRealPath();
    } catch (IOException e) {
      throw new BadDatastoreLinks(
          "cannot resolve " + dir.resolve(CURRENT) + ": " + e.getMessage(), e);
    }
  }

  private String readLink(String name) throws BadDatastoreLinks {
    Path link = dir.resolve(name);
    try {
      Path target = Files.readSymbolicLink(link);
      if (target.isAbsolute() || target.getNameCount() != 1) {
        throw new BadDatastoreLinks(
            "datastore link " + link + " -> " + target + " must name a sibling");
      }
      return target.toString();
    } catch (NotLinkException e) {
      throw new BadDatastoreLinks(link + " is not a symbolic link", e);
    } catch (IOException e) {
      throw new BadDatastoreLinks("cannot read datastore link " + link + ": " + e.getMessage(), e);
    }
  }

  /**
   * Points {@code version}'s links and {@code current} at {@code datastore} (a directory name in
   * {@link #directory()}): patch, minor, major, then current.
   *
   * @throws StorageException if a link cannot be replaced; the links replaced before it stay
   */
  public void flip(SemVer version, String datastore) throws StorageException {
    String patch = DatastoreNames.patchLink(version);
    String minor = DatastoreNames.minorLink(version);
    String major = DatastoreNames.majorLink(version);
    sink.link(Path.of(datastore), dir.resolve(patch), FileSink.LinkKind.SYMBOLIC);
    sink.link(Path.of(patch), dir.resolve(minor), FileSink.LinkKind.SYMBOLIC);
    sink.link(Path.of(minor), dir.resolve(major), FileSink.LinkKind.SYMBOLIC);
    sink.link(Path.of(major), dir.resolve(CURRENT), FileSink.LinkKind.SYMBOLIC);
    // Each rename was followed by an fsync of the directory; one more makes the last one durable
    // even where the sink does not sync (a failure here is only a lost guarantee, not an error).
    AtomicFiles.fsyncDirectory(dir);
  }

  /**
   * A fresh, empty datastore of {@code version} with its links, as storewolf makes on first boot.
   *
   * @return the new datastore directory
   * @throws IOException if {@code current} already exists or a directory cannot be made
   */
  public Path create(SemVer version, DatastoreNames names) throws IOException, StorageException {
    if (Files.exists(dir.resolve(CURRENT), LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir.resolve(CURRENT) + " already exists");
    }
    String name = names.newDirectory(version);
    Path datastore = dir.resolve(name);
    Files.createDirectories(datastore.resolve("live"));
    flip(version, name);
    return datastore;
  }
}
