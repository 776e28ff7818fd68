package dev.keel.reposerver.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.manifest.ManifestException;
import dev.keel.manifest.MigrationKey;
import dev.keel.manifest.NamedWavePolicy;
import dev.keel.manifest.ReleaseConfig;
import dev.keel.manifest.SemVer;
import dev.keel.manifest.Update;
import dev.keel.manifest.WavePolicy;
import dev.keel.reposerver.store.FileRepositoryStore;
import dev.keel.reposerver.store.InvalidRequestException;
import dev.keel.reposerver.store.RepositoryId;
import dev.keel.tuf.error.InvalidTargetPathException;
import dev.keel.tuf.model.TargetPath;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code pubsys repo} takes for one release, already parsed and validated.
 *
 * @param migrations the Release.toml migrations table to replace the manifest's with; empty keeps
 *     it
 * @param releaseStart when wave offsets start; empty means "at publish time"
 * @param extraTargets more targets to list (migrations), from uploads
 */
public record PublishRequest(
    RepositoryId repository,
    SemVer version,
    Optional<SemVer> maxVersion,
    NamedUpload boot,
    NamedUpload root,
    NamedUpload hash,
    List<NamedUpload> extraTargets,
    WaveChoice waves,
    Optional<Instant> releaseStart,
    Optional<Map<MigrationKey, List<String>>> migrations) {

  public PublishRequest {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(boot, "boot");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(waves, "waves");
    extraTargets = List.copyOf(extraTargets);
    migrations = migrations.map(Map::copyOf);
  }

  /**
   * Parses the API's JSON form:
   *
   * <pre>
   * { "version": "1.2.3", "max_version": "1.2.3",
   *   "images": { "boot": {"name": "...", "sha256": "..."}, "root": {...}, "hash": {...} },
   *   "targets": [ {"name": "migrate_v1.2.3_x.lz4", "sha256": "..."} ],
   *   "waves": "default" | "accelerated" | "ohno" | "slow-roll" | "none" | {"toml": "[[waves]]..."},
   *   "release_start_time": "2024-01-01T00:00:00Z",
   *   "release_toml": "version = ... [migrations] ..."  or  "migrations": {"(1.0.0, 1.1.0)": [...]} }
   * </pre>
   *
   * Omitted {@code waves} means the {@code default} policy, as pubsys's default wave file.
   *
   * @throws InvalidRequestException naming the first problem found
   */
  public static PublishRequest fromJson(RepositoryId repository, JsonNode json)
      throws InvalidRequestException {
    if (json == null || !json.isObject()) {
      throw new InvalidRequestException("request body must be a JSON object");
    }
    SemVer version =
        version(json, "version")
            .orElseThrow(() -> new InvalidRequestException("'version' is required"));
    Optional<SemVer> max = version(json, "max_version");
    JsonNode images = json.get("images");
    if (images == null || !images.isObject()) {
      throw new InvalidRequestException("'images' with 'boot', 'root' and 'hash' is required");
    }
    NamedUpload boot = upload(images.get("boot"), "images.boot");
    NamedUpload root = upload(images.get("root"), "images.root");
    NamedUpload hash = upload(images.get("hash"), "images.hash");
    List<NamedUpload> extra = new ArrayList<>();
    JsonNode targets = json.get("targets");
    if (targets != null && !targets.isNull()) {
      if (!targets.isArray()) {
        throw new InvalidRequestException("'targets' must be an array");
      }
      for (int i = 0; i < targets.size(); i++) {
        extra.add(upload(targets.get(i), "targets[" + i + "]"));
      }
    }
    return new PublishRequest(
        repository,
        version,
        max,
        boot,
        root,
        hash,
        extra,
        waves(json.get("waves")),
        startTime(json.get("release_start_time")),
        migrations(json));
  }

  /** A version string, with pubsys's optional leading {@code v}. */
  public static SemVer parseVersion(String text, String field) throws InvalidRequestException {
    String t = text.startsWith("v") ? text.substring(1) : text;
    try {
      return SemVer.parse(t);
    } catch (ManifestException e) {
      throw new InvalidRequestException(
          "'" + field + "' is not a valid version: " + e.getMessage(), e);
    }
  }

  /** A wave choice by name: a built-in policy, or {@code none}. */
  public static WaveChoice namedWaves(String name) throws InvalidRequestException {
    if (name.equals("none")) {
      return new WaveChoice.None();
    }
    try {
      return new WaveChoice.Policy(name, WavePolicy.named(name));
    } catch (ManifestException e) {
      throw new InvalidRequestException(
          "'waves': unknown wave policy '"
              + name
              + "', expected one of "
              + NamedWavePolicy.names()
              + " or none",
          e);
    }
  }

  /** A wave policy document (TOML, {@code [[waves]]} tables). */
  public static WaveChoice wavesFromToml(String toml, String source)
      throws InvalidRequestException {
    try {
      return new WaveChoice.Policy(source, WavePolicy.parse(toml, source));
    } catch (ManifestException e) {
      throw new InvalidRequestException("bad wave policy: " + e.getMessage(), e);
    }
  }

  /**
   * An RFC 3339 time within the range manifest.json can hold (years 0000 to 9999 in UTC), so that
   * no time taken in can later be written as something the reader refuses.
   */
  public static Instant parseTime(String text, String field) throws InvalidRequestException {
    Instant t;
    try {
      t = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException("'" + field + "' is not an RFC 3339 time: " + text, e);
    }
    if (!Update.holdsWaveTime(t)) {
      throw new InvalidRequestException(
          "'"
              + field
              + "' "
              + text
              + " is outside the times manifest.json can hold ("
              + Update.EARLIEST_WAVE_TIME
              + " to "
              + Update.LATEST_WAVE_TIME
              + ")");
    }
    return t;
  }

  /** The migrations table of a Release.toml. */
  public static Map<MigrationKey, List<String>> releaseTomlMigrations(String toml, String source)
      throws InvalidRequestException {
    try {
      return ReleaseConfig.parse(toml, source).migrations();
    } catch (ManifestException e) {
      throw new InvalidRequestException("bad Release.toml: " + e.getMessage(), e);
    }
  }

  private static Optional<SemVer> version(JsonNode json, String field)
      throws InvalidRequestException {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new InvalidRequestException("'" + field + "' must be a string");
    }
    return Optional.of(parseVersion(v.asText(), field));
  }

  private static NamedUpload upload(JsonNode node, String field) throws InvalidRequestException {
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException(
          "'" + field + "' is required: {\"name\": ..., \"sha256\": ...}");
    }
    JsonNode name = node.get("name");
    JsonNode sha = node.get("sha256");
    if (name == null || !name.isTextual() || sha == null || !sha.isTextual()) {
      throw new InvalidRequestException("'" + field + "' needs string fields 'name' and 'sha256'");
    }
    if (!sha.asText().matches("[0-9a-f]{64}")) {
      throw new InvalidRequestException("'" + field + ".sha256' is not a lowercase hex SHA-256");
    }
    try {
      TargetPath path = TargetPath.of(name.asText());
      FileRepositoryStore.checkStorable(path.resolved());
      if (path.raw().equals("manifest.json")) {
        throw new InvalidRequestException(
            "'" + field + ".name': manifest.json is written by the server");
      }
      return new NamedUpload(path, sha.asText());
    } catch (InvalidTargetPathException e) {
      throw new InvalidRequestException(
          "'" + field + ".name' is not a valid target name: " + e.getMessage(), e);
    }
  }

  private static WaveChoice waves(JsonNode node) throws InvalidRequestException {
    if (node == null || node.isNull()) {
      return namedWaves("default");
    }
    if (node.isTextual()) {
      return namedWaves(node.asText());
    }
    if (node.isObject() && node.get("toml") != null && node.get("toml").isTextual()) {
      return wavesFromToml(node.get("toml").asText(), "request wave policy");
    }
    throw new InvalidRequestException(
        "'waves' must be a policy name, \"none\" or {\"toml\": \"...\"}");
  }

  private static Optional<Instant> startTime(JsonNode node) throws InvalidRequestException {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new InvalidRequestException("'release_start_time' must be an RFC 3339 string");
    }
    return Optional.of(parseTime(node.asText(), "release_start_time"));
  }

  private static Optional<Map<MigrationKey, List<String>>> migrations(JsonNode json)
      throws InvalidRequestException {
    JsonNode toml = json.get("release_toml");
    JsonNode table = json.get("migrations");
    if (toml != null && !toml.isNull()) {
      if (!toml.isTextual()) {
        throw new InvalidRequestException("'release_toml' must be a string");
      }
      return Optional.of(releaseTomlMigrations(toml.asText(), "release_toml"));
    }
    if (table == null || table.isNull()) {
      return Optional.empty();
    }
    if (!table.isObject()) {
      throw new InvalidRequestException(
          "'migrations' must be an object of \"(FROM, TO)\": [names]");
    }
    Map<MigrationKey, List<String>> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = table.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      MigrationKey key;
      try {
        key = MigrationKey.parse(e.getKey());
      } catch (ManifestException ex) {
        throw new InvalidRequestException(
            "'migrations': bad key '" + e.getKey() + "': " + ex.getMessage(), ex);
      }
      if (!e.getValue().isArray()) {
        throw new InvalidRequestException(
            "'migrations': value of " + e.getKey() + " must be an array of names");
      }
      List<String> names = new ArrayList<>();
      for (JsonNode n : e.getValue()) {
        if (!n.isTextual()) {
          throw new InvalidRequestException(
              "'migrations': names under " + e.getKey() + " must be strings");
        }
        names.add(n.asText());
      }
      out.put(key, names);
    }
    return Optional.of(out);
  }
}
