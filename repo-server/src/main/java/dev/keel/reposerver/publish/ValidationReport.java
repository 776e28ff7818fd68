package dev.keel.reposerver.publish;

import dev.keel.reposerver.store.RepositoryId;

/**
 * A repository that loaded and verified with the client.
 *
 * @param targetsListed targets named by the top-level targets role
 * @param targetsDownloaded targets downloaded and checked against their hashes (0 unless asked)
 */
public record ValidationReport(
    RepositoryId repository,
    long timestampVersion,
    int targetsListed,
    int targetsDownloaded,
    long bytesVerified) {}
