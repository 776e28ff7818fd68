package dev.keel.reposerver.store;

/**
 * The change would lower {@code max_version} of releases already published, which withdraws them,
 * and only the admin scope may do that; nothing was changed.
 */
public final class AdminRequiredException extends PublishException {
  public AdminRequiredException(String message) {
    super(message, null);
  }
}
