package dev.keel.tuf.model;

/**
 * Target path patterns of delegated roles, as the TUF specification defines them: shell-style
 * wildcards matched segment by segment, so {@code *} and {@code ?} never match {@code /} and a
 * pattern only matches paths with the same number of segments. {@code [abc]}, {@code [a-z]} and
 * {@code [!a]} are character classes.
 */
public final class PathPattern {
  private PathPattern() {}

  public static boolean matches(String pattern, String path) {
    String[] patternParts = pattern.split("/", -1);
    String[] pathParts = path.split("/", -1);
    if (patternParts.length != pathParts.length) {
      return false;
    }
    for (int i = 0; i < patternParts.length; i++) {
      if (!matchSegment(patternParts[i], 0, pathParts[i], 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchSegment(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        // Collapse runs of '*' and try every split point.
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = si; k <= s.length(); k++) {
          if (matchSegment(p, pi, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length()) {
        return false;
      }
      if (c == '?') {
        pi++;
        si++;
      } else if (c == '[') {
        int end = classEnd(p, pi);
        if (end < 0) {
          // An unclosed '[' is a literal, as fnmatch treats it.
          if (s.charAt(si) != '[') {
            return false;
          }
          pi++;
          si++;
        } else {
          if (!classMatches(p.substring(pi + 1, end), s.charAt(si))) {
            return false;
          }
          pi = end + 1;
          si++;
        }
      } else {
        if (c != s.charAt(si)) {
          return false;
        }
        pi++;
        si++;
      }
    }
    return si == s.length();
  }

  private static int classEnd(String p, int open) {
    int i = open + 1;
    if (i < p.length() && p.charAt(i) == '!') {
      i++;
    }
    if (i < p.length() && p.charAt(i) == ']') {
      i++;
    }
    while (i < p.length() && p.charAt(i) != ']') {
      i++;
    }
    return i < p.length() ? i : -1;
  }

  private static boolean classMatches(String body, char c) {
    boolean negate = body.startsWith("!");
    if (negate) {
      body = body.substring(1);
    }
    boolean found = false;
    for (int i = 0; i < body.length(); i++) {
      if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
        if (body.charAt(i) <= c && c <= body.charAt(i + 2)) {
          found = true;
        }
        i += 2;
      } else if (body.charAt(i) == c) {
        found = true;
      }
    }
    return found != negate;
  }
}
