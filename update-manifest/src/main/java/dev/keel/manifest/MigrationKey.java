package dev.keel.manifest;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hop of the migration table: the migrations listed under it take a datastore from {@link
 * #from()} to {@link #to()}.
 *
 * <p>Text form {@code "(FROM, TO)"}. Reading uses the original's pattern {@code \((?<from>[^ ,]+),[
 * ]*(?<to>[^ ,]+)\)}, unanchored as there (text around the parentheses is ignored), so {@code
 * "(1.0.0,1.1.0)"} and {@code "(1.0.0, 1.1.0)"} are accepted; writing always gives exactly one
 * space after the comma, which Bottlerocket before 0.2.0 requires.
 */
public record MigrationKey(SemVer from, SemVer to) {
  private static final Pattern KEY = Pattern.compile("\\((?<from>[^ ,]+),[ ]*(?<to>[^ ,]+)\\)");

  public MigrationKey {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /**
   * Parses a {@code "(FROM, TO)"} key.
   *
   * @throws VersionFormatException "Could not parse OS versions" if the key does not have that
   *     shape or either half is not SemVer
   */
  public static MigrationKey parse(String key) throws VersionFormatException {
    Matcher m = KEY.matcher(key);
    if (!m.find()) {
      throw new VersionFormatException(
          key, "Could not parse OS versions from '" + key + "': expected \"(FROM, TO)\"");
    }
    try {
      return new MigrationKey(SemVer.parse(m.group("from")), SemVer.parse(m.group("to")));
    } catch (VersionFormatException e) {
      throw new VersionFormatException(
          key, "Could not parse OS versions from '" + key + "': " + e.getMessage(), e);
    }
  }

  /** {@code "(FROM, TO)"}, the form written to manifest.json. */
  @Override
  public String toString() {
    return "(" + from + ", " + to + ")";
  }
}
