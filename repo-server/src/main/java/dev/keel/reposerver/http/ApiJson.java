package dev.keel.reposerver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.reposerver.publish.PublishResult;
import dev.keel.reposerver.publish.RoleExpiry;
import dev.keel.reposerver.publish.ValidationReport;
import dev.keel.reposerver.store.InvalidRequestException;
import dev.keel.reposerver.store.Upload;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.JsonInput;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The API's JSON bodies, written field by field from the records. */
final class ApiJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiJson() {}

  /**
   * Parses a request body with the project's strict parser ({@link JsonInput}: duplicate keys and
   * trailing content refused); an absent or empty body is an empty object.
   */
  static JsonNode parse(Buffer body) throws InvalidRequestException {
    if (body == null || body.length() == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JsonInput.parseObject(body.getBytes(), "request body");
    } catch (MalformedMetadataException e) {
      throw new InvalidRequestException(e.getMessage(), e);
    }
  }

  static String upload(Optional<String> name, Upload u) {
    ObjectNode n = JSON.createObjectNode();
    name.ifPresent(v -> n.put("name", v));
    n.put("sha256", u.sha256()).put("length", u.length());
    ObjectNode hashes = n.putObject("hashes");
    u.hashes().forEach(hashes::put);
    return n.toString();
  }

  static String result(PublishResult r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("repository", r.repository().toString())
        .put("targets_version", r.targetsVersion())
        .put("snapshot_version", r.snapshotVersion())
        .put("timestamp_version", r.timestampVersion());
    try {
      n.set("manifest", JSON.readTree(r.manifest().toJson()));
    } catch (IOException e) {
      throw new IllegalStateException("manifest did not round-trip", e);
    }
    return n.toString();
  }

  static String expirations(List<RoleExpiry> roles, Instant limit) {
    ObjectNode n = JSON.createObjectNode();
    n.put("limit", limit.toString());
    ArrayNode list = n.putArray("roles");
    for (RoleExpiry r : roles) {
      list.addObject()
          .put("role", r.role())
          .put("version", r.version())
          .put("expires", r.expires().toString())
          .put("expires_before_limit", r.expiresBefore(limit));
    }
    return n.toString();
  }

  static String validation(ValidationReport r) {
    return JSON.createObjectNode()
        .put("repository", r.repository().toString())
        .put("timestamp_version", r.timestampVersion())
        .put("targets_listed", r.targetsListed())
        .put("targets_downloaded", r.targetsDownloaded())
        .put("bytes_verified", r.bytesVerified())
        .toString();
  }
}
