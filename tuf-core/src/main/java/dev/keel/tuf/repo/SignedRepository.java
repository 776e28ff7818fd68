package dev.keel.tuf.repo;

import dev.keel.tuf.model.TargetFile;
import dev.keel.tuf.model.TargetPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The output of {@link RepositoryEditor#sign}: every metadata file as exact bytes, plus the targets
 * that have local content to place. Immutable; {@link RepositoryWriter} puts it on disk.
 *
 * @param roots every root version to publish, oldest first (the chain clients walk)
 * @param targetsRoles the top-level targets role and any delegated roles that were (re)signed
 * @param targets every target with a local source file to copy into the repository
 */
public record SignedRepository(
    boolean consistentSnapshot,
    List<SignedRole> roots,
    List<SignedRole> targetsRoles,
    SignedRole snapshot,
    SignedRole timestamp,
    Map<TargetPath, LocalTarget> targets) {

  public SignedRepository {
    roots = List.copyOf(roots);
    targetsRoles = List.copyOf(targetsRoles);
    targets = Map.copyOf(targets);
  }

  /** A target's description and where its bytes are now. */
  public record LocalTarget(TargetFile file, Optional<Path> source) {}

  public SignedRole root() {
    return roots.get(roots.size() - 1);
  }
}
