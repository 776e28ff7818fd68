package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.FieldReader;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * snapshot.json: the versions (and optionally lengths and hashes) of every targets metadata file.
 */
public record Snapshot(
    String specVersion,
    long version,
    Instant expires,
    Map<String, MetaFile> meta,
    Map<String, JsonNode> unrecognized)
    implements Signed {
  private static final Set<String> KNOWN =
      Set.of("_type", "spec_version", "version", "expires", "meta");

  public Snapshot {
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  @Override
  public RoleType type() {
    return RoleType.SNAPSHOT;
  }

  /** The entry for a targets role ({@code targets} or a delegated role name). */
  public Optional<MetaFile> findRole(String roleName) {
    return Optional.ofNullable(meta.get(roleName + ".json"));
  }

  static Map<String, MetaFile> readMeta(FieldReader r) throws MalformedMetadataException {
    Map<String, MetaFile> meta = new LinkedHashMap<>();
    FieldReader metaObj = r.object("meta");
    for (String path : metaObj.fieldNames()) {
      meta.put(path, MetaFile.fromJson(metaObj.object(path)));
    }
    return meta;
  }

  public static Snapshot fromJson(FieldReader r) throws MalformedMetadataException {
    Header h = Header.read(r, RoleType.SNAPSHOT);
    return new Snapshot(
        h.specVersion(), h.version(), h.expires(), readMeta(r), r.unrecognized(KNOWN));
  }

  @Override
  public ObjectNode toJson() {
    return Header.metaRole(RoleType.SNAPSHOT, specVersion, version, expires, meta, unrecognized);
  }
}
