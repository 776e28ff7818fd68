package dev.keel.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.manifest.MalformedManifestException.Problem;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.JsonInput;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads manifest.json strictly (§2.1): duplicate JSON keys and trailing content are rejected by
 * {@link JsonInput}; every known field is required and type-checked; unknown fields are kept.
 * Errors name the field path and carry the original's wording ("Bad bound field", "Duplicate key
 * ID", "Could not parse OS versions", "Duplicate version key").
 */
final class ManifestReader {
  private static final Set<String> MANIFEST_FIELDS = Set.of("updates", "migrations");
  private static final Set<String> UPDATE_FIELDS =
      Set.of("variant", "arch", "version", "max_version", "waves", "images");
  private static final Set<String> IMAGES_FIELDS = Set.of("boot", "root", "hash");

  /** A u32 as Rust's {@code str::parse::<u32>} accepts it: optional '+', decimal digits. */
  private static final Pattern U32 = Pattern.compile("\\+?[0-9]+");

  private static final Pattern WAVES_POINTER = Pattern.compile("/updates/\\d+/waves");

  private final String source;

  private ManifestReader(String source) {
    this.source = source;
  }

  static Manifest read(byte[] json, String source) throws MalformedManifestException {
    return new ManifestReader(source).manifest(json);
  }

  private Manifest manifest(byte[] json) throws MalformedManifestException {
    JsonNode root;
    try {
      root = JsonInput.parse(json, source);
    } catch (MalformedMetadataException e) {
      throw syntaxError(e);
    }
    requireObject(root, "");
    requireWellFormedText(root, "");
    List<Update> updates = new ArrayList<>();
    JsonNode list = required(root, "", "updates");
    if (!list.isArray()) {
      throw wrongType("updates", "expected an array of updates");
    }
    for (int i = 0; i < list.size(); i++) {
      updates.add(update(list.get(i), "updates[" + i + "]"));
    }
    Map<MigrationKey, List<String>> migrations = migrations(required(root, "", "migrations"));
    return new Manifest(updates, migrations, UnknownFields.of(root, MANIFEST_FIELDS));
  }

  /**
   * Refuses strings and keys with an unpaired surrogate (JSON can spell one as {@code "\ud800"};
   * UTF-8 cannot encode it, so it could never be written back), anywhere in the document, unknown
   * fields included.
   */
  private void requireWellFormedText(JsonNode node, String path) throws MalformedManifestException {
    if (node.isTextual()) {
      int bad = ManifestWriter.unpairedSurrogate(node.textValue());
      if (bad >= 0) {
        throw new MalformedManifestException(
            source, path, Problem.BAD_TEXT, "string has an unpaired surrogate at index " + bad);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        requireWellFormedText(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        int bad = ManifestWriter.unpairedSurrogate(e.getKey());
        if (bad >= 0) {
          throw new MalformedManifestException(
              source, path, Problem.BAD_TEXT, "a key has an unpaired surrogate at index " + bad);
        }
        requireWellFormedText(e.getValue(), join(path, e.getKey()));
      }
    }
  }

  private Update update(JsonNode node, String path) throws MalformedManifestException {
    requireObject(node, path);
    return new Update(
        string(node, path, "variant"),
        string(node, path, "arch"),
        version(node, path, "version"),
        version(node, path, "max_version"),
        waves(required(node, path, "waves"), join(path, "waves")),
        images(required(node, path, "images"), join(path, "images")),
        UnknownFields.of(node, UPDATE_FIELDS));
  }

  private Images images(JsonNode node, String path) throws MalformedManifestException {
    requireObject(node, path);
    return new Images(
        string(node, path, "boot"),
        string(node, path, "root"),
        string(node, path, "hash"),
        UnknownFields.of(node, IMAGES_FIELDS));
  }

  private TreeMap<Long, Instant> waves(JsonNode node, String path)
      throws MalformedManifestException {
    requireObject(node, path);
    TreeMap<Long, Instant> waves = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      long seed = -1;
      if (U32.matcher(key).matches()) {
        String digits = key.startsWith("+") ? key.substring(1) : key;
        digits = digits.replaceFirst("^0+(?=.)", "");
        if (digits.length() <= 10) {
          seed = Long.parseLong(digits);
        }
      }
      if (seed < 0 || seed > Update.MAX_WAVE_KEY) {
        throw new MalformedManifestException(
            source,
            path,
            Problem.BAD_BOUND,
            "Bad bound field '" + key + "': not an unsigned 32-bit integer");
      }
      JsonNode value = e.getValue();
      if (!value.isTextual()) {
        throw wrongType(join(path, key), "expected an RFC 3339 time string");
      }
      Instant time;
      try {
        time = Rfc3339.parse(value.textValue());
      } catch (DateTimeException ex) {
        throw new MalformedManifestException(
            source, join(path, key), Problem.BAD_TIME, ex.getMessage(), ex);
      }
      if (waves.put(seed, time) != null) {
        throw new MalformedManifestException(
            source,
            path,
            Problem.DUPLICATE_BOUND,
            "Duplicate key ID " + seed + " (key '" + key + "')");
      }
    }
    return waves;
  }

  private Map<MigrationKey, List<String>> migrations(JsonNode node)
      throws MalformedManifestException {
    String path = "migrations";
    requireObject(node, path);
    Map<MigrationKey, List<String>> migrations = new LinkedHashMap<>();
    Map<MigrationKey, String> seen = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String text = e.getKey();
      MigrationKey key;
      try {
        key = MigrationKey.parse(text);
      } catch (VersionFormatException ex) {
        throw new MalformedManifestException(
            source, path, Problem.BAD_MIGRATION_KEY, ex.getMessage(), ex);
      }
      String earlier = seen.putIfAbsent(key, text);
      if (earlier != null) {
        throw new MalformedManifestException(
            source,
            path,
            Problem.DUPLICATE_MIGRATION_KEY,
            "Duplicate version key '" + text + "' (same versions as '" + earlier + "')");
      }
      migrations.put(key, names(e.getValue(), join(path, text)));
    }
    return migrations;
  }

  private List<String> names(JsonNode node, String path) throws MalformedManifestException {
    if (!node.isArray()) {
      throw wrongType(path, "expected an array of migration names");
    }
    List<String> names = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode name = node.get(i);
      if (!name.isTextual()) {
        throw wrongType(path + "[" + i + "]", "expected a string");
      }
      names.add(name.textValue());
    }
    return names;
  }

  private SemVer version(JsonNode node, String path, String field)
      throws MalformedManifestException {
    String text = string(node, path, field);
    try {
      return SemVer.parse(text);
    } catch (VersionFormatException e) {
      throw new MalformedManifestException(
          source, join(path, field), Problem.BAD_VERSION, e.getMessage(), e);
    }
  }

  private String string(JsonNode node, String path, String field)
      throws MalformedManifestException {
    JsonNode v = required(node, path, field);
    if (!v.isTextual()) {
      throw wrongType(join(path, field), "expected a string");
    }
    return v.textValue();
  }

  private JsonNode required(JsonNode node, String path, String field)
      throws MalformedManifestException {
    JsonNode v = node.get(field);
    if (v == null) {
      throw new MalformedManifestException(
          source, join(path, field), Problem.MISSING_FIELD, "required field is missing");
    }
    return v;
  }

  private void requireObject(JsonNode node, String path) throws MalformedManifestException {
    if (!node.isObject()) {
      throw wrongType(path, "expected an object");
    }
  }

  private MalformedManifestException wrongType(String path, String detail) {
    return new MalformedManifestException(source, path, Problem.WRONG_TYPE, detail);
  }

  /**
   * Turns a JSON-level failure into ours. A duplicate key inside {@code waves} or {@code
   * migrations} is reported as the original reports it (the strict parser sees it before the values
   * are read).
   */
  private MalformedManifestException syntaxError(MalformedMetadataException e) {
    if (e.getCause() instanceof StreamReadException sre
        && sre.getOriginalMessage() != null
        && sre.getOriginalMessage().startsWith("Duplicate field")
        && sre.getProcessor() != null
        && sre.getProcessor().getParsingContext() != null) {
      JsonParser parser = sre.getProcessor();
      String pointer = parser.getParsingContext().pathAsPointer().toString();
      String objectPointer = pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
      String key = parser.getParsingContext().getCurrentName();
      String path = pointerToPath(objectPointer);
      if (WAVES_POINTER.matcher(objectPointer).matches()) {
        return new MalformedManifestException(
            source, path, Problem.DUPLICATE_BOUND, "Duplicate key ID '" + key + "'", e);
      }
      if (objectPointer.equals("/migrations")) {
        return new MalformedManifestException(
            source,
            path,
            Problem.DUPLICATE_MIGRATION_KEY,
            "Duplicate version key '" + key + "'",
            e);
      }
      return new MalformedManifestException(
          source, path, Problem.DUPLICATE_JSON_KEY, "duplicate key '" + key + "'", e);
    }
    return new MalformedManifestException(source, "", Problem.SYNTAX, e.getMessage(), e);
  }

  /** {@code /updates/0/waves} to {@code updates[0].waves}. */
  private static String pointerToPath(String pointer) {
    StringBuilder sb = new StringBuilder();
    for (String raw : pointer.split("/")) {
      if (raw.isEmpty()) {
        continue;
      }
      String part = raw.replace("~1", "/").replace("~0", "~");
      if (part.chars().allMatch(Character::isDigit) && sb.length() > 0) {
        sb.append('[').append(part).append(']');
      } else {
        sb.append(sb.length() == 0 ? "" : ".").append(part);
      }
    }
    return sb.toString();
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
