package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.FieldReader;
import dev.keel.tuf.json.JsonInput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A target's signed description: its exact length, one or more hashes, and opaque {@code custom}
 * data.
 */
public record TargetFile(
    long length,
    Map<String, String> hashes,
    Optional<JsonNode> custom,
    Map<String, JsonNode> unrecognized) {
  private static final Set<String> KNOWN = Set.of("length", "hashes", "custom");

  public TargetFile {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative");
    }
    if (hashes.isEmpty()) {
      throw new IllegalArgumentException("a target needs at least one hash");
    }
    hashes = Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
    custom = custom.map(JsonNode::deepCopy);
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  public TargetFile(long length, Map<String, String> hashes) {
    this(length, hashes, Optional.empty(), Map.of());
  }

  public static TargetFile fromJson(FieldReader r) throws MalformedMetadataException {
    Map<String, String> hashes = r.stringMap("hashes");
    if (hashes.isEmpty()) {
      throw r.error("hashes", "must list at least one hash");
    }
    Optional<JsonNode> custom = Optional.ofNullable(r.node().get("custom"));
    return new TargetFile(r.integer("length", 0), hashes, custom, r.unrecognized(KNOWN));
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonInput.object();
    n.put("length", length);
    ObjectNode h = n.putObject("hashes");
    hashes.forEach(h::put);
    custom.ifPresent(c -> n.set("custom", c.deepCopy()));
    n.setAll(unrecognized);
    return n;
  }

  public TargetFile withCustom(JsonNode newCustom) {
    return new TargetFile(length, hashes, Optional.ofNullable(newCustom), unrecognized);
  }
}
