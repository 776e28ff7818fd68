package dev.keel.tuf.model;

import dev.keel.tuf.error.InvalidTargetPathException;
import java.util.Optional;

/**
 * A target name checked before it touches a URL or a file path: not empty, not absolute, no
 * {@code .} or {@code ..} or empty segments, no backslashes or NUL. Like tough's TargetName this does
 * not pretend to be a String: callers use {@link #value()} deliberately.
 */
public record TargetPath(String value) {

  /** Use {@link #of(String)} for untrusted input; this constructor throws unchecked. */
  public TargetPath {
    problem(value).ifPresent(p -> {
      throw new IllegalArgumentException("target path '" + value + "': " + p);
    });
  }

  /**
   * Checks {@code name} and wraps it.
   *
   * @throws InvalidTargetPathException naming what is wrong with the name
   */
  public static TargetPath of(String name) throws InvalidTargetPathException {
    Optional<String> problem = problem(name);
    if (problem.isPresent()) {
      throw new InvalidTargetPathException(String.valueOf(name), problem.get());
    }
    return new TargetPath(name);
  }

  private static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (name.startsWith("/")) {
      return Optional.of("must be relative, not absolute");
    }
    if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
      return Optional.of("must not contain a backslash or NUL");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty()) {
        return Optional.of("must not contain empty segments");
      }
      if (segment.equals("..") || segment.equals(".")) {
        return Optional.of("must not contain '.' or '..' segments");
      }
    }
    return Optional.empty();
  }

  /** The last segment, the file name. */
  public String fileName() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  @Override
  public String toString() {
    return value;
  }
}
