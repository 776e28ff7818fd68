package dev.keel.manifest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads TOML files (the publisher's wave policies, expiration policies and Release.toml; the host's
 * updog.toml) into a tree and pulls typed values out of it, reporting the file and key path on
 * every failure. Unknown keys are ignored, as the original's serde structs do.
 */
public final class TomlReader {
  private static final TomlMapper MAPPER = new TomlMapper();

  private final String source;

  private TomlReader(String source) {
    this.source = source;
  }

  /** A reader naming {@code source} (a file name or policy name) in its errors. */
  public static TomlReader of(String source) {
    return new TomlReader(source);
  }

  /**
   * Parses TOML text into its root table.
   *
   * @throws ConfigException if the text is not valid TOML
   */
  public JsonNode parse(String text) throws ConfigException {
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

  public JsonNode required(JsonNode table, String path, String key) throws ConfigException {
    JsonNode v = table.get(key);
    if (v == null) {
      throw error(join(path, key), "required key is missing");
    }
    return v;
  }

  public String string(JsonNode table, String path, String key) throws ConfigException {
    JsonNode v = required(table, path, key);
    if (!v.isTextual()) {
      throw error(join(path, key), "expected a string");
    }
    return v.textValue();
  }

  /** A non-negative integer that fits a u32. */
  public long u32(JsonNode table, String path, String key) throws ConfigException {
    JsonNode v = required(table, path, key);
    if (!v.isIntegralNumber()
        || !v.canConvertToLong()
        || v.longValue() < 0
        || v.longValue() > 0xFFFF_FFFFL) {
      throw error(join(path, key), "expected an unsigned 32-bit integer");
    }
    return v.longValue();
  }

  /** A boolean. */
  public boolean bool(JsonNode table, String path, String key) throws ConfigException {
    JsonNode v = required(table, path, key);
    if (!v.isBoolean()) {
      throw error(join(path, key), "expected true or false");
    }
    return v.booleanValue();
  }

  /** A string that may be absent. */
  public Optional<String> optionalString(JsonNode table, String path, String key)
      throws ConfigException {
    return table.has(key) ? Optional.of(string(table, path, key)) : Optional.empty();
  }

  /** A list of strings that may be absent. */
  public Optional<List<String>> optionalStringList(JsonNode table, String path, String key)
      throws ConfigException {
    JsonNode v = table.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isArray()) {
      throw error(join(path, key), "expected a list of strings");
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw error(join(path, key) + "[" + i + "]", "expected a string");
      }
      items.add(v.get(i).textValue());
    }
    return Optional.of(List.copyOf(items));
  }

  /** A relative offset such as {@code "2 days"} ({@link TimeOffset}). */
  public Duration offset(JsonNode table, String path, String key) throws ConfigException {
    String text = string(table, path, key);
    try {
      return TimeOffset.parse(text);
    } catch (OffsetFormatException e) {
      throw error(join(path, key), e.getMessage(), e);
    }
  }

  public ConfigException error(String key, String problem) {
    return new ConfigException(source, key, problem);
  }

  public ConfigException error(String key, String problem, Throwable cause) {
    return new ConfigException(source, key, problem, cause);
  }

  public static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
