package dev.keel.manifest;

import java.util.Objects;

/**
 * A SemVer 2.0.0 version: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}.
 *
 * <p>Parsing is strict, as the Rust {@code semver} crate the original uses: no leading {@code v},
 * no whitespace, no leading zeros in numeric parts or numeric pre-release identifiers, no empty
 * identifiers, identifiers only {@code [0-9A-Za-z-]}. Numeric parts must fit a signed 64-bit {@code
 * long} (the original allows u64; versions above 2<sup>63</sup>-1 are rejected here).
 *
 * <p>{@link #compareTo} is SemVer <em>precedence</em>: major, minor and patch numerically, then a
 * release ranks above any of its pre-releases, pre-release identifiers compare numerically when
 * both are numeric, numeric below alphanumeric, alphanumeric in ASCII order, and a shorter list of
 * equal leading identifiers ranks lower. Build metadata is ignored for ordering but <em>not</em>
 * for {@link #equals}: like {@code BigDecimal}, the natural order is inconsistent with equals when
 * two versions differ only in build metadata. Exact matches (force version, version lock, migration
 * {@code from}) use {@code equals}, as the original compares with {@code ==}.
 *
 * @param preRelease the pre-release identifiers joined by dots, empty for a release
 * @param build the build metadata identifiers joined by dots, empty if none
 */
public record SemVer(long major, long minor, long patch, String preRelease, String build)
    implements Comparable<SemVer> {

  public SemVer {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers must not be negative");
    }
    Objects.requireNonNull(preRelease, "preRelease");
    Objects.requireNonNull(build, "build");
    String problem = identifiersProblem(preRelease, true);
    if (problem != null) {
      throw new IllegalArgumentException("pre-release '" + preRelease + "': " + problem);
    }
    problem = identifiersProblem(build, false);
    if (problem != null) {
      throw new IllegalArgumentException("build metadata '" + build + "': " + problem);
    }
  }

  /** A release version without pre-release or build metadata. */
  public static SemVer of(long major, long minor, long patch) {
    return new SemVer(major, minor, patch, "", "");
  }

  /**
   * Parses a SemVer 2.0.0 string.
   *
   * @throws VersionFormatException naming the text and what is wrong with it
   */
  public static SemVer parse(String text) throws VersionFormatException {
    Objects.requireNonNull(text, "text");
    String rest = text;
    String build = "";
    int plus = rest.indexOf('+');
    if (plus >= 0) {
      build = rest.substring(plus + 1);
      rest = rest.substring(0, plus);
      String problem = build.isEmpty() ? "empty build metadata" : identifiersProblem(build, false);
      if (problem != null) {
        throw invalid(text, problem);
      }
    }
    String pre = "";
    int dash = rest.indexOf('-');
    if (dash >= 0) {
      pre = rest.substring(dash + 1);
      rest = rest.substring(0, dash);
      String problem = pre.isEmpty() ? "empty pre-release" : identifiersProblem(pre, true);
      if (problem != null) {
        throw invalid(text, problem);
      }
    }
    String[] core = rest.split("\\.", -1);
    if (core.length != 3) {
      throw invalid(text, "expected MAJOR.MINOR.PATCH");
    }
    return new SemVer(
        number(text, core[0], "major"),
        number(text, core[1], "minor"),
        number(text, core[2], "patch"),
        pre,
        build);
  }

  /** True if this is a pre-release (has pre-release identifiers). */
  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  /** True if this version has lower precedence than {@code other}. */
  public boolean isBefore(SemVer other) {
    return compareTo(other) < 0;
  }

  /** True if this version has higher precedence than {@code other}. */
  public boolean isAfter(SemVer other) {
    return compareTo(other) > 0;
  }

  /** The one with the higher precedence; {@code b} when both have the same precedence. */
  public static SemVer max(SemVer a, SemVer b) {
    return a.compareTo(b) > 0 ? a : b;
  }

  @Override
  public int compareTo(SemVer other) {
    int c = Long.compare(major, other.major);
    if (c == 0) {
      c = Long.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, other.patch);
    }
    return c != 0 ? c : comparePreRelease(preRelease, other.preRelease);
  }

  @Override
  public String toString() {
    return major
        + "."
        + minor
        + "."
        + patch
        + (preRelease.isEmpty() ? "" : "-" + preRelease)
        + (build.isEmpty() ? "" : "+" + build);
  }

  private static int comparePreRelease(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isEmpty()) {
      return 1; // a release ranks above its pre-releases
    }
    if (b.isEmpty()) {
      return -1;
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = compareIdentifier(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static int compareIdentifier(String a, String b) {
    boolean an = isNumeric(a);
    boolean bn = isNumeric(b);
    if (an && bn) {
      // No leading zeros, so the longer one is larger; equal lengths compare digit by digit.
      int c = Integer.compare(a.length(), b.length());
      return c != 0 ? c : a.compareTo(b);
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static boolean isNumeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /** Null if the dot-separated identifiers are valid; otherwise what is wrong. */
  private static String identifiersProblem(String ids, boolean preRelease) {
    if (ids.isEmpty()) {
      return null;
    }
    for (String id : ids.split("\\.", -1)) {
      if (id.isEmpty()) {
        return "empty identifier";
      }
      for (int i = 0; i < id.length(); i++) {
        char c = id.charAt(i);
        boolean ok =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
        if (!ok) {
          return "invalid character '" + c + "' in identifier '" + id + "'";
        }
      }
      if (preRelease && id.length() > 1 && id.charAt(0) == '0' && isNumeric(id)) {
        return "leading zero in numeric identifier '" + id + "'";
      }
    }
    return null;
  }

  private static long number(String text, String part, String name) throws VersionFormatException {
    if (!isNumeric(part)) {
      throw invalid(
          text,
          part.isEmpty()
              ? "empty " + name + " version"
              : name + " version '" + part + "' is not a number");
    }
    if (part.length() > 1 && part.charAt(0) == '0') {
      throw invalid(text, "leading zero in " + name + " version");
    }
    try {
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      throw invalid(text, name + " version is too large");
    }
  }

  private static VersionFormatException invalid(String text, String problem) {
    return new VersionFormatException(text, "Invalid SemVer '" + text + "': " + problem);
  }
}
