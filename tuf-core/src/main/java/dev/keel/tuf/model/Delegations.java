package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.FieldReader;
import dev.keel.tuf.json.JsonInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A targets role's {@code delegations}: the keys it hands out, and either an ordered list of {@link
 * DelegatedRole}s or {@link SuccinctRoles} hash bins.
 */
public record Delegations(
    Map<String, Key> keys,
    Optional<List<DelegatedRole>> roles,
    Optional<SuccinctRoles> succinctRoles,
    Map<String, JsonNode> unrecognized) {
  private static final Set<String> KNOWN = Set.of("keys", "roles", "succinct_roles");

  public Delegations {
    keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    if (roles.isPresent() == succinctRoles.isPresent()) {
      throw new IllegalArgumentException("exactly one of roles and succinct_roles is required");
    }
    roles = roles.map(List::copyOf);
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  public static Delegations ofRoles(Map<String, Key> keys, List<DelegatedRole> roles) {
    return new Delegations(keys, Optional.of(roles), Optional.empty(), Map.of());
  }

  public static Delegations ofSuccinct(Map<String, Key> keys, SuccinctRoles bins) {
    return new Delegations(keys, Optional.empty(), Optional.of(bins), Map.of());
  }

  /** The keys and threshold of the delegated role {@code name}, if this delegates to it. */
  public Optional<RoleKeys> roleKeys(String name) {
    if (succinctRoles.isPresent()) {
      return succinctRoles.get().isRole(name)
          ? Optional.of(succinctRoles.get().roleKeys())
          : Optional.empty();
    }
    return roles.orElseThrow().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .map(DelegatedRole::roleKeys);
  }

  /**
   * The delegated roles to visit for {@code targetPath}, in order (TUF 5.6.7.2): every role whose
   * paths or path hash prefixes match, up to and including the first terminating one; for hash
   * bins, the one bin the path maps to (bins never terminate).
   */
  public RolesForTarget rolesFor(String targetPath) {
    if (succinctRoles.isPresent()) {
      return new RolesForTarget(List.of(succinctRoles.get().roleForTarget(targetPath)), false);
    }
    List<String> names = new ArrayList<>();
    for (DelegatedRole r : roles.orElseThrow()) {
      if (r.isDelegatedPath(targetPath)) {
        names.add(r.name());
        if (r.terminating()) {
          return new RolesForTarget(names, true);
        }
      }
    }
    return new RolesForTarget(names, false);
  }

  /**
   * The result of {@link #rolesFor}: {@code terminated} when the last role is a terminating
   * delegation, which ends the whole search once its subtree is done.
   */
  public record RolesForTarget(List<String> names, boolean terminated) {
    public RolesForTarget {
      names = List.copyOf(names);
    }
  }

  /** All delegated role names, in order (every bin for succinct delegations). */
  public List<String> roleNames() {
    if (succinctRoles.isPresent()) {
      return succinctRoles.get().roleNames();
    }
    List<String> names = new ArrayList<>();
    roles.orElseThrow().forEach(r -> names.add(r.name()));
    return names;
  }

  public static Delegations fromJson(FieldReader r) throws MalformedMetadataException {
    Map<String, Key> keys = new LinkedHashMap<>();
    FieldReader keysObj = r.object("keys");
    for (String id : keysObj.fieldNames()) {
      keys.put(id, Key.fromJson(keysObj.object(id)));
    }
    boolean hasRoles = r.has("roles");
    if (hasRoles == r.has("succinct_roles")) {
      throw r.error("", "exactly one of 'roles' and 'succinct_roles' is required");
    }
    if (hasRoles) {
      List<DelegatedRole> roles = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (FieldReader role : r.objects("roles")) {
        DelegatedRole d = DelegatedRole.fromJson(role);
        if (RoleType.fromJsonName(d.name()).isPresent()) {
          throw role.error(
              "name", "a delegated role must not use a top-level role name: " + d.name());
        }
        if (!names.add(d.name())) {
          throw role.error("name", "duplicate delegated role name: " + d.name());
        }
        roles.add(d);
      }
      return new Delegations(keys, Optional.of(roles), Optional.empty(), r.unrecognized(KNOWN));
    }
    return new Delegations(
        keys,
        Optional.empty(),
        Optional.of(SuccinctRoles.fromJson(r.object("succinct_roles"))),
        r.unrecognized(KNOWN));
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonInput.object();
    ObjectNode k = n.putObject("keys");
    keys.forEach((id, key) -> k.set(id, key.toJson()));
    if (roles.isPresent()) {
      ArrayNode arr = n.putArray("roles");
      roles.get().forEach(role -> arr.add(role.toJson()));
    }
    succinctRoles.ifPresent(s -> n.set("succinct_roles", s.toJson()));
    n.setAll(unrecognized);
    return n;
  }
}
