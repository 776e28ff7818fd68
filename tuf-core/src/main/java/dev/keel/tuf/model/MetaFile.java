package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.FieldReader;
import dev.keel.tuf.json.JsonInput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A {@code meta} entry in timestamp or snapshot: the version of a metadata file and, optionally,
 * its length and hashes. An empty {@code hashes} map means the field is absent.
 */
public record MetaFile(
    long version,
    OptionalLong length,
    Map<String, String> hashes,
    Map<String, JsonNode> unrecognized) {
  private static final Set<String> KNOWN = Set.of("version", "length", "hashes");

  public MetaFile {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
    hashes = Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  public MetaFile(long version) {
    this(version, OptionalLong.empty(), Map.of(), Map.of());
  }

  public static MetaFile fromJson(FieldReader r) throws MalformedMetadataException {
    OptionalLong length =
        r.has("length") ? OptionalLong.of(r.integer("length", 0)) : OptionalLong.empty();
    Map<String, String> hashes = r.has("hashes") ? r.stringMap("hashes") : Map.of();
    if (r.has("hashes") && hashes.isEmpty()) {
      throw r.error("hashes", "must not be empty when present");
    }
    return new MetaFile(r.integer("version", 1), length, hashes, r.unrecognized(KNOWN));
  }

  /** Field order as tough writes it: length, hashes, version. */
  public ObjectNode toJson() {
    ObjectNode n = JsonInput.object();
    length.ifPresent(l -> n.put("length", l));
    if (!hashes.isEmpty()) {
      ObjectNode h = n.putObject("hashes");
      hashes.forEach(h::put);
    }
    n.put("version", version);
    n.setAll(unrecognized);
    return n;
  }
}
