package dev.keel.migrator;

import dev.keel.manifest.SemVer;
import dev.keel.manifest.VersionFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code VERSION_ID} of an os-release file ({@code KEY=value} lines, values optionally quoted).
 */
final class OsRelease {
  private OsRelease() {}

  static SemVer versionId(Path file) throws MigratorException.BadOsRelease {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MigratorException.BadOsRelease("cannot read " + file + ": " + e.getMessage(), e);
    }
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.startsWith("VERSION_ID=")) {
        String v = l.substring("VERSION_ID=".length());
        if (v.length() >= 2
            && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
          v = v.substring(1, v.length() - 1);
        }
        try {
          return SemVer.parse(v);
        } catch (VersionFormatException e) {
          throw new MigratorException.BadOsRelease(
              file + ": VERSION_ID '" + v + "' is not a version", e);
        }
      }
    }
    throw new MigratorException.BadOsRelease(file + " has no VERSION_ID", null);
  }
}
