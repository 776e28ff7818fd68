package dev.keel.tuf.repo;

import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.model.MetadataPaths;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.storage.FileSink;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a {@link SignedRepository} in the consistent-snapshot layout, in the one order that keeps
 * every intermediate state valid for clients: targets first, then targets roles (delegated before
 * top-level), snapshot, root versions, and {@code timestamp.json} last. Every file goes through the
 * {@link FileSink}, i.e. a temporary file and an atomic rename, so a crash at any point leaves the
 * previous {@code timestamp.json} pointing at files that all still exist.
 *
 * <p>Versioned files are never overwritten with different content: a clash means two publishes
 * chose the same version, and clients may already have cached the first.
 */
public final class RepositoryWriter {
  /** How a target's bytes get into the targets directory. */
  public enum TargetPlacement {
    COPY,
    HARD_LINK,
    SYMLINK
  }

  /** What to do when a target file already exists (tuftool's {@code --target-path-exists}). */
  public enum ExistingTarget {
    SKIP,
    REPLACE,
    FAIL
  }

  private final FileSink sink;

  public RepositoryWriter(FileSink sink) {
    this.sink = sink;
  }

  public void write(
      SignedRepository repo,
      Path metadataDir,
      Path targetsDir,
      TargetPlacement placement,
      ExistingTarget existing)
      throws StorageException {
    for (Map.Entry<TargetPath, SignedRepository.LocalTarget> e : repo.targets().entrySet()) {
      if (e.getValue().source().isPresent()) {
        placeTarget(
            e.getKey(), e.getValue(), repo.consistentSnapshot(), targetsDir, placement, existing);
      }
    }
    for (int i = repo.targetsRoles().size() - 1; i >= 0; i--) {
      SignedRole role = repo.targetsRoles().get(i);
      writeVersioned(
          metadataDir.resolve(
              MetadataPaths.role(role.name(), role.version(), repo.consistentSnapshot())),
          role);
    }
    SignedRole snapshot = repo.snapshot();
    writeVersioned(
        metadataDir.resolve(
            MetadataPaths.role("snapshot", snapshot.version(), repo.consistentSnapshot())),
        snapshot);
    for (SignedRole root : repo.roots()) {
      writeVersioned(metadataDir.resolve(MetadataPaths.root(root.version())), root);
    }
    sink.write(
        metadataDir.resolve(MetadataPaths.timestamp()), repo.timestamp().bytes().toByteArray());
  }

  private void placeTarget(
      TargetPath name,
      SignedRepository.LocalTarget target,
      boolean consistent,
      Path targetsDir,
      TargetPlacement placement,
      ExistingTarget existing)
      throws StorageException {
    String sha256 = target.file().hashes().get("sha256");
    if (sha256 == null && consistent) {
      throw new StorageException(
          targetsDir, "target " + name + " has no sha256 to name it by", null);
    }
    Path dest = targetsDir.resolve(MetadataPaths.target(name.resolved(), sha256, consistent));
    if (!dest.normalize().startsWith(targetsDir.normalize())) {
      throw new StorageException(dest, "target path escapes the targets directory", null);
    }
    if (Files.exists(dest, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      switch (existing) {
        case SKIP -> {
          return;
        }
        case FAIL ->
            throw new StorageException(
                dest, "target already exists (--target-path-exists fail)", null);
        case REPLACE -> {}
      }
    }
    Path source = target.source().orElseThrow().toAbsolutePath();
    switch (placement) {
      case COPY -> {
        try (InputStream in = new FileInputStream(source.toFile())) {
          sink.copy(in, dest);
        } catch (IOException e) {
          throw new StorageException(source, "could not read target", e);
        }
      }
      case HARD_LINK -> sink.link(source, dest, FileSink.LinkKind.HARD);
      case SYMLINK -> sink.link(source, dest, FileSink.LinkKind.SYMBOLIC);
    }
  }

  private void writeVersioned(Path file, SignedRole role) throws StorageException {
    byte[] bytes = role.bytes().toByteArray();
    if (Files.exists(file)) {
      try {
        if (Arrays.equals(Files.readAllBytes(file), bytes)) {
          return;
        }
      } catch (IOException e) {
        throw new StorageException(file, "could not read existing metadata", e);
      }
      throw new StorageException(
          file,
          "refusing to overwrite published "
              + role.name()
              + " version "
              + role.version()
              + " with different content",
          null);
    }
    sink.write(file, bytes);
  }
}
