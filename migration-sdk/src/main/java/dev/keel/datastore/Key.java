package dev.keel.datastore;

import java.util.ArrayList;
import java.util.List;

/**
 * A datastore key: dotted segments ({@code settings.motd}), where a quoted segment may hold dots
 * ({@code settings."a.b".c} has three segments). Segment characters are ASCII letters, digits,
 * {@code _}, {@code -} and {@code /}; a name is at most 255 characters, the longest file name.
 * Metadata keys are keys with exactly one segment. Equality and order are by segments.
 */
public record Key(List<String> segments) implements Comparable<Key> {
  public static final int MAX_NAME_LENGTH = 255;

  public Key {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one segment");
    }
    for (String s : segments) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty key segment in " + segments);
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c != '.' && !validCharacter(c)) {
          throw new IllegalArgumentException(
              "invalid character '" + c + "' in key segment '" + s + "'");
        }
      }
    }
  }

  /**
   * Parses a dotted key name.
   *
   * @throws InvalidKeyException naming the problem: empty, empty segment, bad character, unbalanced
   *     quotes, too long
   */
  public static Key parse(String name) throws InvalidKeyException {
    if (name == null || name.isEmpty()) {
      throw new InvalidKeyException(String.valueOf(name), "cannot be empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidKeyException(name, "longer than " + MAX_NAME_LENGTH + " characters");
    }
    List<String> segments = new ArrayList<>();
    StringBuilder segment = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        if (segment.length() == 0) {
          throw new InvalidKeyException(name, "empty key segment");
        }
        segments.add(segment.toString());
        segment.setLength(0);
      } else if (c == '.' || validCharacter(c)) {
        segment.append(c);
      } else {
        throw new InvalidKeyException(name, "invalid character in key: '" + c + "'");
      }
    }
    if (quoted) {
      throw new InvalidKeyException(name, "unbalanced quotes");
    }
    if (segment.length() == 0) {
      throw new InvalidKeyException(name, "ends with separator");
    }
    segments.add(segment.toString());
    return new Key(segments);
  }

  /** A metadata key name: exactly one segment. */
  public static Key parseMetadata(String name) throws InvalidKeyException {
    Key key = parse(name);
    if (key.segments.size() != 1) {
      throw new InvalidKeyException(name, "metadata keys may only have one segment");
    }
    return key;
  }

  static boolean validCharacter(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '/';
  }

  /** The dotted name, with segments that hold a dot quoted. */
  public String name() {
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(s.indexOf('.') >= 0 ? "\"" + s + "\"" : s);
    }
    return sb.toString();
  }

  /** Whether the first segments are exactly {@code prefix}'s. */
  public boolean startsWith(Key prefix) {
    return segments.size() >= prefix.segments.size()
        && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
  }

  @Override
  public int compareTo(Key other) {
    return name().compareTo(other.name());
  }

  @Override
  public String toString() {
    return name();
  }
}
