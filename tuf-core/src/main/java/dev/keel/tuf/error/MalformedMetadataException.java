package dev.keel.tuf.error;

/**
 * Metadata could not be parsed: bad JSON, a missing or mistyped required field, an unsupported
 * {@code spec_version}. {@link #source()} names the file or role, {@link #field()} the JSON path.
 */
public final class MalformedMetadataException extends RepositoryException {
  private final String source;
  private final String field;

  public MalformedMetadataException(String source, String field, String problem) {
    super(source + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + problem);
    this.source = source;
    this.field = field;
  }

  public MalformedMetadataException(String source, String field, String problem, Throwable cause) {
    super(source + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + problem, cause);
    this.source = source;
    this.field = field;
  }

  public String source() {
    return source;
  }

  public String field() {
    return field;
  }
}
