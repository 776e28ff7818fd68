package dev.keel.reposerver.store;

import java.util.Objects;

/**
 * A release no host could install, found by checking the release as a whole before anything is
 * signed; {@link #problem()} says which check failed. Nothing was changed.
 */
public final class InvalidReleaseException extends InvalidRequestException {

  /** Which check of the release failed. */
  public enum Problem {
    /** An image or extra target names an upload that does not exist. */
    MISSING_UPLOAD,
    /**
     * A target or migration name has a control character, CR/LF, a bidi or other format character,
     * or is not a TUF target path.
     */
    BAD_TARGET_NAME,
    /** Two of boot, root, hash and the extra targets share a name. */
    DUPLICATE_TARGET_NAME,
    /** A migration key goes backwards or nowhere: FROM is not below TO. */
    BACKWARDS_MIGRATION,
    /** One hop lists the same migration twice. */
    DUPLICATE_MIGRATION,
    /** A migration is neither a target of this release nor already listed in the repository. */
    MIGRATION_NOT_LISTED
  }

  private final Problem problem;

  public InvalidReleaseException(Problem problem, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem);
  }

  public Problem problem() {
    return problem;
  }
}
