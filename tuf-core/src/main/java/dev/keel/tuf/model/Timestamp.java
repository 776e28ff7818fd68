package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.FieldReader;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** timestamp.json: names the current snapshot (version, and usually length and hashes). */
public record Timestamp(
    String specVersion,
    long version,
    Instant expires,
    Map<String, MetaFile> meta,
    Map<String, JsonNode> unrecognized)
    implements Signed {
  private static final Set<String> KNOWN =
      Set.of("_type", "spec_version", "version", "expires", "meta");

  public Timestamp {
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    if (!meta.containsKey(RoleType.SNAPSHOT.metaPath())) {
      throw new IllegalArgumentException("timestamp meta must describe snapshot.json");
    }
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  @Override
  public RoleType type() {
    return RoleType.TIMESTAMP;
  }

  public MetaFile snapshotMeta() {
    return meta.get(RoleType.SNAPSHOT.metaPath());
  }

  public static Timestamp fromJson(FieldReader r) throws MalformedMetadataException {
    Header h = Header.read(r, RoleType.TIMESTAMP);
    Map<String, MetaFile> meta = Snapshot.readMeta(r);
    if (!meta.containsKey(RoleType.SNAPSHOT.metaPath())) {
      throw r.error("meta", "no entry for snapshot.json");
    }
    return new Timestamp(h.specVersion(), h.version(), h.expires(), meta, r.unrecognized(KNOWN));
  }

  @Override
  public ObjectNode toJson() {
    return Header.metaRole(RoleType.TIMESTAMP, specVersion, version, expires, meta, unrecognized);
  }
}
