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

/** targets.json or a delegated targets role: target descriptions and optional delegations. */
public record Targets(
    String specVersion,
    long version,
    Instant expires,
    Map<String, TargetFile> targets,
    Optional<Delegations> delegations,
    Map<String, JsonNode> unrecognized)
    implements Signed {
  private static final Set<String> KNOWN =
      Set.of("_type", "spec_version", "version", "expires", "targets", "delegations");

  public Targets {
    targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  @Override
  public RoleType type() {
    return RoleType.TARGETS;
  }

  public Optional<TargetFile> findTarget(String path) {
    return Optional.ofNullable(targets.get(path));
  }

  public static Targets fromJson(FieldReader r) throws MalformedMetadataException {
    Header h = Header.read(r, RoleType.TARGETS);
    Map<String, TargetFile> targets = new LinkedHashMap<>();
    FieldReader t = r.object("targets");
    for (String path : t.fieldNames()) {
      targets.put(path, TargetFile.fromJson(t.object(path)));
    }
    Optional<Delegations> delegations =
        r.has("delegations")
            ? Optional.of(Delegations.fromJson(r.object("delegations")))
            : Optional.empty();
    return new Targets(
        h.specVersion(), h.version(), h.expires(), targets, delegations, r.unrecognized(KNOWN));
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Header.write(JsonInput.object(), RoleType.TARGETS, specVersion);
    n.put("version", version);
    n.put("expires", Header.formatTime(expires));
    ObjectNode t = n.putObject("targets");
    targets.forEach((path, f) -> t.set(path, f.toJson()));
    delegations.ifPresent(d -> n.set("delegations", d.toJson()));
    n.setAll(unrecognized);
    return n;
  }
}
