package dev.keel.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The running release, from {@code /usr/lib/os-release} (section 3.3): {@code KEY=VALUE} lines,
 * {@code #} comments and lines without {@code =} skipped, surrounding double quotes stripped, keys
 * matched case-insensitively. {@code PRETTY_NAME}, {@code VARIANT_ID}, {@code VERSION_ID} (SemVer)
 * and {@code BUILD_ID} are required. updog reads it to learn the running version and variant, the
 * migrator to learn the version it must migrate the datastore to.
 */
public record OsRelease(String prettyName, String variantId, SemVer versionId, String buildId) {

  /**
   * @throws OsReleaseException naming the file and the key
   */
  public static OsRelease load(Path file) throws OsReleaseException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new OsReleaseException(file, "", "no such file", e);
    } catch (IOException e) {
      throw new OsReleaseException(file, "", "could not read: " + e.getMessage(), e);
    }
    return parse(text, file);
  }

  /**
   * @throws OsReleaseException naming {@code file} and the key
   */
  public static OsRelease parse(String text, Path file) throws OsReleaseException {
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n", -1)) {
      String l = line.strip();
      int eq = l.indexOf('=');
      if (l.startsWith("#") || eq < 0) {
        continue;
      }
      String value = l.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      values.put(l.substring(0, eq).strip().toUpperCase(Locale.ROOT), value);
    }
    String version = required(values, file, "VERSION_ID");
    SemVer semver;
    try {
      semver = SemVer.parse(version);
    } catch (VersionFormatException e) {
      throw new OsReleaseException(
          file, "VERSION_ID", "not a SemVer version: '" + version + "'", e);
    }
    return new OsRelease(
        required(values, file, "PRETTY_NAME"),
        required(values, file, "VARIANT_ID"),
        semver,
        required(values, file, "BUILD_ID"));
  }

  private static String required(Map<String, String> values, Path file, String key)
      throws OsReleaseException {
    String v = values.get(key);
    if (v == null) {
      throw new OsReleaseException(file, key, "required key is missing", null);
    }
    return v;
  }
}
