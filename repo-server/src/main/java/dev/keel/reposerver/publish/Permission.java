package dev.keel.reposerver.publish;

/**
 * What the caller of a change may do, from its API token's scope (the HTTP layer decides) or,
 * offline, from holding the signing keys ({@link #ADMIN}).
 */
public enum Permission {
  /** Add releases: never withdraw one, so never lower a published release's {@code max_version}. */
  PUBLISH,
  /** Everything, including lowering {@code max_version}. */
  ADMIN
}
