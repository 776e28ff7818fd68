package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.FieldReader;
import dev.keel.tuf.json.JsonInput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The key ids authorised for a role and how many of them must sign. */
public record RoleKeys(List<String> keyIds, int threshold, Map<String, JsonNode> unrecognized) {
  private static final Set<String> KNOWN = Set.of("keyids", "threshold");

  public RoleKeys {
    keyIds = List.copyOf(keyIds);
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
    }
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  public RoleKeys(List<String> keyIds, int threshold) {
    this(keyIds, threshold, Map.of());
  }

  public static RoleKeys fromJson(FieldReader r) throws MalformedMetadataException {
    return new RoleKeys(r.strings("keyids"), r.smallInteger("threshold", 1), r.unrecognized(KNOWN));
  }

  // equals and hashCode written out rather than generated: a record's generated ones are bound
  // through invokedynamic on first use, which spins classes at start-up, and the client compares
  // role keys on every refresh (5.3.11). Same meaning: all components.
  @Override
  public boolean equals(Object o) {
    return o instanceof RoleKeys other
        && threshold == other.threshold
        && keyIds.equals(other.keyIds)
        && unrecognized.equals(other.unrecognized);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyIds, threshold, unrecognized);
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonInput.object();
    keyIds.forEach(n.putArray("keyids")::add);
    n.put("threshold", threshold);
    n.setAll(unrecognized);
    return n;
  }
}
