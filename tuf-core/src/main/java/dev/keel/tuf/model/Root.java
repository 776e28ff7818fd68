package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.FieldReader;
import dev.keel.tuf.json.JsonInput;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** root.json: the keys of the repository and which of them each top-level role needs. */
public record Root(
    String specVersion,
    boolean consistentSnapshot,
    long version,
    Instant expires,
    Map<String, Key> keys,
    Map<String, RoleKeys> roles,
    Map<String, JsonNode> unrecognized)
    implements Signed {
  private static final Set<String> KNOWN =
      Set.of("_type", "spec_version", "consistent_snapshot", "version", "expires", "keys", "roles");

  public Root {
    keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  @Override
  public RoleType type() {
    return RoleType.ROOT;
  }

  /** The keys and threshold for a top-level role; every valid root has all four. */
  public RoleKeys roleKeys(RoleType role) {
    RoleKeys keysForRole = roles.get(role.jsonName());
    if (keysForRole == null) {
      throw new IllegalStateException("root has no entry for role " + role);
    }
    return keysForRole;
  }

  public Root withVersion(long newVersion) {
    return new Root(
        specVersion, consistentSnapshot, newVersion, expires, keys, roles, unrecognized);
  }

  public Root withExpires(Instant newExpires) {
    return new Root(
        specVersion, consistentSnapshot, version, newExpires, keys, roles, unrecognized);
  }

  public Root withKeysAndRoles(Map<String, Key> newKeys, Map<String, RoleKeys> newRoles) {
    return new Root(
        specVersion, consistentSnapshot, version, expires, newKeys, newRoles, unrecognized);
  }

  public Optional<Key> findKey(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  public static Root fromJson(FieldReader r) throws MalformedMetadataException {
    Header h = Header.read(r, RoleType.ROOT);
    Map<String, Key> keys = new LinkedHashMap<>();
    FieldReader keysObj = r.object("keys");
    for (String id : keysObj.fieldNames()) {
      keys.put(id, Key.fromJson(keysObj.object(id)));
    }
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    FieldReader rolesObj = r.object("roles");
    for (String name : rolesObj.fieldNames()) {
      roles.put(name, RoleKeys.fromJson(rolesObj.object(name)));
    }
    for (RoleType t : RoleType.values()) {
      if (!roles.containsKey(t.jsonName())) {
        throw r.error("roles", "no entry for the '" + t.jsonName() + "' role");
      }
    }
    return new Root(
        h.specVersion(),
        r.bool("consistent_snapshot"),
        h.version(),
        h.expires(),
        keys,
        roles,
        r.unrecognized(KNOWN));
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Header.write(JsonInput.object(), RoleType.ROOT, specVersion);
    n.put("consistent_snapshot", consistentSnapshot);
    n.put("version", version);
    n.put("expires", Header.formatTime(expires));
    ObjectNode k = n.putObject("keys");
    keys.forEach((id, key) -> k.set(id, key.toJson()));
    ObjectNode r = n.putObject("roles");
    roles.forEach((name, rk) -> r.set(name, rk.toJson()));
    n.setAll(unrecognized);
    return n;
  }
}
