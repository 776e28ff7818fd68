package dev.keel.manifest;

import java.util.Objects;

/**
 * A version string could not be read: not SemVer 2.0.0, not a valid version lock ({@code "Bad
 * version string '...'"}), or a migration key whose halves are not versions. {@link #input()} is
 * the offending text.
 */
public final class VersionFormatException extends ManifestException {
  private final String input;

  public VersionFormatException(String input, String message) {
    super(message);
    this.input = Objects.requireNonNull(input);
  }

  public VersionFormatException(String input, String message, Throwable cause) {
    super(message, cause);
    this.input = Objects.requireNonNull(input);
  }

  public String input() {
    return input;
  }
}
