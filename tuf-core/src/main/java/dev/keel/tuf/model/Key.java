package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.CanonicalJson;
import dev.keel.tuf.json.FieldReader;
import dev.keel.tuf.json.JsonInput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A public key as TUF metadata lists it: {@code keytype}, {@code scheme} and {@code keyval}
 * (normally just {@code public}). Unknown fields are kept because they are part of the key id.
 */
public record Key(
    String keyType, String scheme, Map<String, String> keyVal, Map<String, JsonNode> unrecognized) {
  private static final Set<String> KNOWN = Set.of("keytype", "scheme", "keyval");

  public Key {
    keyVal = Collections.unmodifiableMap(new LinkedHashMap<>(keyVal));
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  public Key(String keyType, String scheme, String publicValue) {
    this(keyType, scheme, Map.of("public", publicValue), Map.of());
  }

  /** The {@code keyval.public} value: hex for Ed25519, PEM for RSA and usually for ECDSA. */
  public String publicValue() {
    String v = keyVal.get("public");
    return v == null ? "" : v;
  }

  /** The key id: hex SHA-256 of the canonical JSON of this key object. */
  public String keyId() {
    try {
      return HashAlgorithm.SHA256.hex(CanonicalJson.encode(toJson()));
    } catch (MalformedMetadataException e) {
      // A key built from strings has no numbers to reject.
      throw new IllegalStateException(e);
    }
  }

  public static Key fromJson(FieldReader r) throws MalformedMetadataException {
    return new Key(
        r.string("keytype"), r.string("scheme"), r.stringMap("keyval"), r.unrecognized(KNOWN));
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonInput.object();
    n.put("keytype", keyType);
    ObjectNode kv = n.putObject("keyval");
    keyVal.forEach(kv::put);
    n.put("scheme", scheme);
    n.setAll(unrecognized);
    return n;
  }

  @Override
  public String toString() {
    return keyType + "/" + scheme + " " + keyId();
  }
}
