package dev.keel.tuf.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of one JSON object strictly, naming the source and the JSON path of any field
 * that is missing or of the wrong type. Records use it in their {@code fromJson} factories.
 */
public final class FieldReader {
  private final ObjectNode node;
  private final String source;
  private final String path;

  private FieldReader(ObjectNode node, String source, String path) {
    this.node = node;
    this.source = source;
    this.path = path;
  }

  /** A reader over {@code node}, which must be an object. */
  public static FieldReader of(JsonNode node, String source, String path)
      throws MalformedMetadataException {
    if (node == null || !node.isObject()) {
      throw new MalformedMetadataException(source, path, "expected an object");
    }
    return new FieldReader((ObjectNode) node, source, path);
  }

  public ObjectNode node() {
    return node;
  }

  public String source() {
    return source;
  }

  public String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  public MalformedMetadataException error(String field, String problem) {
    return new MalformedMetadataException(source, path(field), problem);
  }

  public boolean has(String field) {
    return node.has(field);
  }

  private JsonNode required(String field) throws MalformedMetadataException {
    JsonNode v = node.get(field);
    if (v == null) {
      throw error(field, "required field is missing");
    }
    return v;
  }

  public String string(String field) throws MalformedMetadataException {
    JsonNode v = required(field);
    if (!v.isTextual()) {
      throw error(field, "expected a string");
    }
    return v.textValue();
  }

  public Optional<String> optionalString(String field) throws MalformedMetadataException {
    return node.has(field) ? Optional.of(string(field)) : Optional.empty();
  }

  public long integer(String field) throws MalformedMetadataException {
    JsonNode v = required(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw error(field, "expected an integer");
    }
    return v.longValue();
  }

  /** An integer that must be at least {@code min}. */
  public long integer(String field, long min) throws MalformedMetadataException {
    long v = integer(field);
    if (v < min) {
      throw error(field, "must be at least " + min + ", got " + v);
    }
    return v;
  }

  public int smallInteger(String field, int min) throws MalformedMetadataException {
    long v = integer(field, min);
    if (v > Integer.MAX_VALUE) {
      throw error(field, "too large: " + v);
    }
    return (int) v;
  }

  public boolean bool(String field) throws MalformedMetadataException {
    JsonNode v = required(field);
    if (!v.isBoolean()) {
      throw error(field, "expected true or false");
    }
    return v.booleanValue();
  }

  public Optional<Boolean> optionalBool(String field) throws MalformedMetadataException {
    return node.has(field) ? Optional.of(bool(field)) : Optional.empty();
  }

  /** An RFC 3339 time, interpreted in UTC. */
  public Instant time(String field) throws MalformedMetadataException {
    String text = string(field);
    try {
      return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw error(field, "not an RFC 3339 time: '" + text + "'");
    }
  }

  public FieldReader object(String field) throws MalformedMetadataException {
    JsonNode v = required(field);
    if (!v.isObject()) {
      throw error(field, "expected an object");
    }
    return new FieldReader((ObjectNode) v, source, path(field));
  }

  public Optional<FieldReader> optionalObject(String field) throws MalformedMetadataException {
    return node.has(field) ? Optional.of(object(field)) : Optional.empty();
  }

  public List<String> strings(String field) throws MalformedMetadataException {
    JsonNode v = required(field);
    if (!v.isArray()) {
      throw error(field, "expected an array of strings");
    }
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual()) {
        throw error(field + "[" + i + "]", "expected a string");
      }
      out.add(e.textValue());
    }
    return Collections.unmodifiableList(out);
  }

  public List<FieldReader> objects(String field) throws MalformedMetadataException {
    JsonNode v = required(field);
    if (!v.isArray()) {
      throw error(field, "expected an array of objects");
    }
    List<FieldReader> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      out.add(FieldReader.of(v.get(i), source, path(field) + "[" + i + "]"));
    }
    return out;
  }

  /** A string-to-string map, such as {@code hashes}. */
  public Map<String, String> stringMap(String field) throws MalformedMetadataException {
    FieldReader obj = object(field);
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : obj.fieldNames()) {
      out.put(name, obj.string(name));
    }
    return Collections.unmodifiableMap(out);
  }

  public List<String> fieldNames() {
    List<String> names = new ArrayList<>(node.size());
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The fields not in {@code known}, kept verbatim (in order) so re-serialising loses nothing. */
  public Map<String, JsonNode> unrecognized(Set<String> known) {
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!known.contains(e.getKey())) {
        extra.put(e.getKey(), e.getValue().deepCopy());
      }
    }
    return Collections.unmodifiableMap(extra);
  }
}
