package dev.keel.tuf.trust;

/**
 * Whether expired metadata is refused. An enum rather than a boolean so every caller says which.
 */
public enum ExpirationPolicy {
  /** Refuse expired metadata: the TUF specification's behaviour and the default. */
  ENFORCE,
  /**
   * Accept expired metadata. Only for reading a repository that was verified earlier and cached
   * locally, where TUF serves as code signing (the migrator at boot, possibly offline and weeks
   * after the download). Freeze attacks are not prevented in this mode.
   */
  IGNORE
}
