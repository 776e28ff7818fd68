package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/** The {@code signed} payload of a metadata file: one of the four role types. */
public sealed interface Signed permits Root, Timestamp, Snapshot, Targets {
  /** The only {@code spec_version} we write; we read any 1.x. */
  String SPEC_VERSION = "1.0.0";

  RoleType type();

  String specVersion();

  long version();

  Instant expires();

  /** Fields this version of the model does not know, kept verbatim. */
  Map<String, JsonNode> unrecognized();

  /** The payload as a JSON object, fields in the order tough writes them, unknown fields last. */
  ObjectNode toJson();

  /**
   * Whether the role has expired at {@code referenceTime} (expiry at exactly that instant counts).
   */
  default boolean isExpired(Instant referenceTime) {
    return !referenceTime.isBefore(expires());
  }
}
