package dev.keel.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Release.toml (§2.6): the version being released and the whole migrations table, keyed {@code
 * "(FROM, TO)"} like manifest.json. {@link Manifest#setMigrations} copies the table wholesale.
 * Unknown keys are ignored.
 *
 * @param migrations each hop's ordered migration target names, in written order
 */
public record ReleaseConfig(SemVer version, Map<MigrationKey, List<String>> migrations) {

  public ReleaseConfig {
    Objects.requireNonNull(version, "version");
    migrations = Manifest.sortedCopy(migrations);
  }

  /**
   * Reads Release.toml text; {@code source} names it in errors.
   *
   * @throws ConfigException if the TOML is invalid, {@code version} or {@code migrations} is
   *     missing, the version is not SemVer, a key is not {@code "(FROM, TO)"} ("Could not parse OS
   *     versions"), two keys name the same versions ("Duplicate version key") or a list holds
   *     something other than strings
   */
  public static ReleaseConfig parse(String toml, String source) throws ConfigException {
    TomlReader reader = TomlReader.of(source);
    JsonNode root = reader.parse(toml);
    String versionText = reader.string(root, "", "version");
    SemVer version;
    try {
      version = SemVer.parse(versionText);
    } catch (VersionFormatException e) {
      throw reader.error("version", e.getMessage(), e);
    }
    JsonNode table = reader.required(root, "", "migrations");
    if (!table.isObject()) {
      throw reader.error("migrations", "expected a table");
    }
    Map<MigrationKey, List<String>> migrations = new HashMap<>();
    Map<MigrationKey, String> seen = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : table.properties()) {
      String path = "migrations.\"" + e.getKey() + "\"";
      MigrationKey key;
      try {
        key = MigrationKey.parse(e.getKey());
      } catch (VersionFormatException ex) {
        throw reader.error(path, ex.getMessage(), ex);
      }
      String earlier = seen.putIfAbsent(key, e.getKey());
      if (earlier != null) {
        throw reader.error(path, "Duplicate version key (same versions as '" + earlier + "')");
      }
      JsonNode list = e.getValue();
      if (!list.isArray()) {
        throw reader.error(path, "expected an array of migration names");
      }
      List<String> names = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        if (!list.get(i).isTextual()) {
          throw reader.error(path + "[" + i + "]", "expected a string");
        }
        names.add(list.get(i).textValue());
      }
      migrations.put(key, names);
    }
    return new ReleaseConfig(version, migrations);
  }
}
