package dev.keel.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.json.PrettyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JSON fields this version does not know (such as {@code "status": "Ready"} in an update or a
 * legacy top-level {@code "datastore_versions"}), kept in their original order so that rewriting a
 * manifest loses nothing. They play no part in any logic. Immutable: the nodes are copied in and
 * copied out.
 */
public final class UnknownFields {
  private final ObjectNode fields;

  private UnknownFields(ObjectNode fields) {
    this.fields = fields;
  }

  /** No unknown fields. */
  public static UnknownFields none() {
    return new UnknownFields(JsonNodeFactory.instance.objectNode());
  }

  /** The fields of {@code object} whose names are not in {@code known}, deep-copied. */
  public static UnknownFields of(JsonNode object, Set<String> known) {
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (!known.contains(e.getKey())) {
        kept.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return new UnknownFields(kept);
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** The unknown field names in document order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(fields.size());
    fields.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A copy of the value of unknown field {@code name}, if present. */
  public Optional<JsonNode> find(String name) {
    JsonNode v = fields.get(name);
    return v == null ? Optional.empty() : Optional.of(v.deepCopy());
  }

  /** Appends copies of all unknown fields to {@code target}, after its existing fields. */
  void appendTo(ObjectNode target) {
    for (Map.Entry<String, JsonNode> e : fields.properties()) {
      if (!target.has(e.getKey())) {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /**
   * Equal when they write the same JSON, in the same order. Jackson's node equality would tell
   * {@code 1} from {@code 1.0} read back as {@code 1} (decimals are normalized when read), although
   * both are the number one and write the same bytes.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof UnknownFields other && written().equals(other.written());
  }

  @Override
  public int hashCode() {
    return written().hashCode();
  }

  private String written() {
    return PrettyJson.string(fields);
  }

  @Override
  public String toString() {
    return fields.toString();
  }
}
