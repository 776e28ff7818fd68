package dev.keel.manifest;

import java.util.Objects;

/**
 * manifest.json could not be parsed. {@link #source()} names the document, {@link #field()} the
 * path of the offending field ({@code updates[0].waves}, empty for the whole document) and {@link
 * #problem()} what was wrong with it, so tests and callers never match on message text.
 */
public final class MalformedManifestException extends ManifestException {

  /** What was wrong. The names of the original's errors are kept in the messages. */
  public enum Problem {
    /** Not one well-formed JSON value. */
    SYNTAX,
    /** The same key twice in one JSON object (outside {@code waves} and {@code migrations}). */
    DUPLICATE_JSON_KEY,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field has the wrong JSON type. */
    WRONG_TYPE,
    /** A wave key is not a u32 ("Bad bound field"). */
    BAD_BOUND,
    /** Two wave keys name the same seed ("Duplicate key ID"). */
    DUPLICATE_BOUND,
    /**
     * A migration key is not {@code "(FROM, TO)"} with SemVer halves ("Could not parse OS
     * versions").
     */
    BAD_MIGRATION_KEY,
    /** Two migration keys name the same (from, to) pair ("Duplicate version key"). */
    DUPLICATE_MIGRATION_KEY,
    /** {@code version} or {@code max_version} is not SemVer. */
    BAD_VERSION,
    /** A wave time is not an RFC 3339 time, or is outside years 0000 to 9999 in UTC. */
    BAD_TIME,
    /** A string or key has an unpaired surrogate, which UTF-8 cannot encode. */
    BAD_TEXT
  }

  private final String source;
  private final String field;
  private final Problem problem;

  public MalformedManifestException(String source, String field, Problem problem, String detail) {
    this(source, field, problem, detail, null);
  }

  public MalformedManifestException(
      String source, String field, Problem problem, String detail, Throwable cause) {
    super(source + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + detail, cause);
    this.source = Objects.requireNonNull(source);
    this.field = Objects.requireNonNull(field);
    this.problem = Objects.requireNonNull(problem);
  }

  public String source() {
    return source;
  }

  public String field() {
    return field;
  }

  public Problem problem() {
    return problem;
  }
}
