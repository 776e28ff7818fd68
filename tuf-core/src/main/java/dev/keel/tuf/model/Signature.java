package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.FieldReader;
import dev.keel.tuf.json.JsonInput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One entry of a metadata file's {@code signatures}: a key id and a hex signature. */
public record Signature(String keyId, String sig, Map<String, JsonNode> unrecognized) {
  private static final Set<String> KNOWN = Set.of("keyid", "sig");

  public Signature {
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  public Signature(String keyId, String sig) {
    this(keyId, sig, Map.of());
  }

  public static Signature fromJson(FieldReader r) throws MalformedMetadataException {
    return new Signature(r.string("keyid"), r.string("sig"), r.unrecognized(KNOWN));
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonInput.object();
    n.put("keyid", keyId);
    n.put("sig", sig);
    n.setAll(unrecognized);
    return n;
  }
}
