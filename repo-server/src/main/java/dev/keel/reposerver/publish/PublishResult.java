package dev.keel.reposerver.publish;

import dev.keel.manifest.Manifest;
import dev.keel.reposerver.store.RepositoryId;
import java.util.List;

/**
 * What a change to a repository produced: the new metadata versions and the manifest now served.
 */
public record PublishResult(
    RepositoryId repository,
    long targetsVersion,
    long snapshotVersion,
    long timestampVersion,
    Manifest manifest,
    List<RoleExpiry> expiries) {

  public PublishResult {
    expiries = List.copyOf(expiries);
  }
}
