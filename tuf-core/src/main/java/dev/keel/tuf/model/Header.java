package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.FieldReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The fields every role shares: {@code _type}, {@code spec_version}, {@code version}, {@code
 * expires}.
 */
record Header(String specVersion, long version, Instant expires) {

  static Header read(FieldReader r, RoleType expected) throws MalformedMetadataException {
    String type = r.string("_type");
    if (!type.equals(expected.jsonName())) {
      throw r.error("_type", "expected '" + expected.jsonName() + "', got '" + type + "'");
    }
    String spec = r.string("spec_version");
    String[] parts = spec.split("\\.");
    if (parts.length < 2 || !parts[0].equals("1")) {
      throw r.error(
          "spec_version",
          "unsupported specification version '" + spec + "' (major version must be 1)");
    }
    return new Header(spec, r.integer("version", 1), r.time("expires"));
  }

  static ObjectNode write(ObjectNode n, RoleType type, String specVersion) {
    n.put("_type", type.jsonName());
    n.put("spec_version", specVersion);
    return n;
  }

  /** The payload of timestamp and snapshot, which differ only in {@code _type}. */
  static ObjectNode metaRole(
      RoleType type,
      String specVersion,
      long version,
      Instant expires,
      java.util.Map<String, MetaFile> meta,
      java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> unrecognized) {
    ObjectNode n = write(dev.keel.tuf.json.JsonInput.object(), type, specVersion);
    n.put("version", version);
    n.put("expires", formatTime(expires));
    ObjectNode m = n.putObject("meta");
    meta.forEach((path, f) -> m.set(path, f.toJson()));
    n.setAll(unrecognized);
    return n;
  }

  static String formatTime(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
