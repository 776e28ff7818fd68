package dev.keel.tuf.model;

import dev.keel.tuf.error.InvalidTargetPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A target name in two forms, after tough's {@code TargetName}: the {@link #raw()} name exactly as
 * metadata lists it (for lookups, delegation patterns and hashing bins), and the {@link
 * #resolved()} name, with {@code .}, {@code ..} and empty segments and any leading {@code /}
 * resolved away (for the file a target is stored in, locally and below a repository's targets
 * folder, and so for its URL). {@code foo/../bar/data1.txt} resolves to {@code bar/data1.txt}; a
 * {@code ..} above the top stays at the top, so {@code ../x} resolves to {@code x}. The resolved
 * name is always relative and never climbs, so a target can never be written outside the folder it
 * belongs in (see {@link #under}).
 *
 * <p>Refused: names that resolve to nothing ({@code ""}, {@code .}, {@code ..}, {@code a/..},
 * {@code /}), and names holding a backslash or NUL (not portable file names).
 *
 * <p>Like tough's type this does not pretend to be a String: callers choose {@link #raw()} or
 * {@link #resolved()} deliberately. Equality is on the raw name, as metadata keys targets by it.
 */
public final class TargetPath {
  private final String raw;
  private final String resolved;

  /**
   * For names known to be valid (constants, tests); use {@link #of(String)} for untrusted input.
   *
   * @throws IllegalArgumentException if the name is refused
   */
  public TargetPath(String raw) {
    this(raw, resolvedOrThrow(raw));
  }

  private static String resolvedOrThrow(String raw) {
    Resolution r = resolve(raw);
    if (r.problem().isPresent()) {
      throw new IllegalArgumentException("target path '" + raw + "': " + r.problem().get());
    }
    return r.resolved();
  }

  private TargetPath(String raw, String resolved) {
    this.raw = raw;
    this.resolved = resolved;
  }

  /**
   * Checks {@code name} and wraps it.
   *
   * @throws InvalidTargetPathException naming what is wrong with the name
   */
  public static TargetPath of(String name) throws InvalidTargetPathException {
    Resolution r = resolve(name);
    if (r.problem().isPresent()) {
      throw new InvalidTargetPathException(String.valueOf(name), r.problem().get());
    }
    return new TargetPath(name, r.resolved());
  }

  private record Resolution(String resolved, Optional<String> problem) {
    static Resolution refused(String problem) {
      return new Resolution(null, Optional.of(problem));
    }
  }

  private static Resolution resolve(String name) {
    if (name == null || name.isEmpty()) {
      return Resolution.refused("must not be empty");
    }
    if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
      return Resolution.refused("must not contain a backslash or NUL");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..")) {
        if (!segments.isEmpty()) {
          segments.remove(segments.size() - 1);
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        segments.add(segment);
      }
    }
    if (segments.isEmpty()) {
      return Resolution.refused("resolves to nothing");
    }
    return new Resolution(String.join("/", segments), Optional.empty());
  }

  /** The name as metadata lists it, e.g. {@code foo/../bar/data1.txt}. */
  public String raw() {
    return raw;
  }

  /**
   * The name with {@code .}, {@code ..} and empty segments resolved, e.g. {@code bar/data1.txt}.
   */
  public String resolved() {
    return resolved;
  }

  /** The last segment of the resolved name, the file name. */
  public String fileName() {
    return resolved.substring(resolved.lastIndexOf('/') + 1);
  }

  /** The target's file below {@code dir}, by its resolved name: always inside {@code dir}. */
  public Path under(Path dir) {
    return dir.resolve(resolved);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetPath other && raw.equals(other.raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  /** The raw name. */
  @Override
  public String toString() {
    return raw;
  }
}
