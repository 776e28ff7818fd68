package dev.keel.tuf.repo;

import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.Envelope;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.Snapshot;
import dev.keel.tuf.model.Targets;
import dev.keel.tuf.model.Timestamp;
import java.util.List;
import java.util.Map;

/**
 * A repository that has already been loaded and verified (by the client), as the editor needs it to
 * publish a new version: the root chain as raw bytes, the current roles, and every targets role
 * with the exact bytes it was served as, so that roles the edit does not touch are kept verbatim.
 *
 * @param rootFiles every root version as raw file bytes, oldest first; the last is {@code root}
 * @param timestampFile and {@code snapshotFile}: the exact bytes of the trusted timestamp and
 *     snapshot
 * @param targetsRoles role name to parsed role and its raw file bytes, "targets" included
 */
public record ExistingRepository(
    List<Bytes> rootFiles,
    Envelope<Root> root,
    Envelope<Timestamp> timestamp,
    Bytes timestampFile,
    Envelope<Snapshot> snapshot,
    Bytes snapshotFile,
    Map<String, LoadedRole> targetsRoles) {

  public ExistingRepository {
    rootFiles = List.copyOf(rootFiles);
    targetsRoles = Map.copyOf(targetsRoles);
  }

  /** A targets role as loaded: the parsed envelope and the exact bytes of its file. */
  public record LoadedRole(Envelope<Targets> envelope, Bytes fileBytes) {}
}
