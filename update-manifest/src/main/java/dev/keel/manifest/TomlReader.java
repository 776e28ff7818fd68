package dev.keel.manifest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.time.Duration;

/**
 * Reads the publisher's TOML files (wave policies, expiration policies, Release.toml) into a tree
 * and pulls typed values out of it, reporting the file and key path on every failure. Unknown
 * keys are ignored, as the original's serde structs do.
 */
final class TomlReader {
  private static final TomlMapper MAPPER = new TomlMapper();

  private final String source;

  private TomlReader(String source) {
    this.source = source;
  }

  /** A reader naming {@code source} (a file name or policy name) in its errors. */
  static TomlReader of(String source) {
    return new TomlReader(source);
  }

  /**
   * Parses TOML text into its root table.
   *
   * @throws ConfigException if the text is not valid TOML
   */
  JsonNode parse(String text) throws ConfigException {
    try {
      JsonNode root = MAPPER.readTree(text);
      if (root == null || !root.isObject()) {
        throw new ConfigException(source, "", "expected a TOML document");
      }
      return root;
    } catch (JacksonException e) {
      throw new ConfigException(source, "", "not valid TOML: " + e.getOriginalMessage(), e);
    }
  }

  JsonNode required(JsonNode table, String path, String key) throws ConfigException {
    JsonNode v = table.get(key);
    if (v == null) {
      throw error(join(path, key), "required key is missing");
    }
    return v;
  }

  String string(JsonNode table, String path, String key) throws ConfigException {
    JsonNode v = required(table, path, key);
    if (!v.isTextual()) {
      throw error(join(path, key), "expected a string");
    }
    return v.textValue();
  }

  /** A non-negative integer that fits a u32. */
  long u32(JsonNode table, String path, String key) throws ConfigException {
    JsonNode v = required(table, path, key);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0
        || v.longValue() > 0xFFFF_FFFFL) {
      throw error(join(path, key), "expected an unsigned 32-bit integer");
    }
    return v.longValue();
  }

  /** A relative offset such as {@code "2 days"} ({@link TimeOffset}). */
  Duration offset(JsonNode table, String path, String key) throws ConfigException {
    String text = string(table, path, key);
    try {
      return TimeOffset.parse(text);
    } catch (OffsetFormatException e) {
      throw error(join(path, key), e.getMessage(), e);
    }
  }

  ConfigException error(String key, String problem) {
    return new ConfigException(source, key, problem);
  }

  ConfigException error(String key, String problem, Throwable cause) {
    return new ConfigException(source, key, problem, cause);
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
