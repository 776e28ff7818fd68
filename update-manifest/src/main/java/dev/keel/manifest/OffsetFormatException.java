package dev.keel.manifest;

import java.util.Objects;

/** A relative offset such as {@code "2 days"} could not be read; {@link #input()} is the text. */
public final class OffsetFormatException extends ManifestException {
  private final String input;

  public OffsetFormatException(String input, String problem) {
    super("Invalid offset '" + input + "': " + problem);
    this.input = Objects.requireNonNull(input);
  }

  public String input() {
    return input;
  }
}
