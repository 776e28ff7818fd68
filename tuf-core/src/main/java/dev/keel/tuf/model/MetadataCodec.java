package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.CanonicalJson;
import dev.keel.tuf.json.FieldReader;
import dev.keel.tuf.json.JsonInput;
import dev.keel.tuf.json.PrettyJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Bytes to {@link Envelope} and back. Parsing keeps the canonical form of the received {@code
 * signed} tree for signature checks and refuses a {@code signatures} list that names a key id
 * twice; writing pretty-prints with a trailing newline.
 */
public final class MetadataCodec {
  private static final Set<String> KNOWN = Set.of("signed", "signatures");

  private MetadataCodec() {}

  @FunctionalInterface
  private interface PayloadReader<T extends Signed> {
    T read(FieldReader r) throws MalformedMetadataException;
  }

  public static Envelope<Root> root(byte[] bytes, String source) throws MalformedMetadataException {
    return parse(bytes, source, Root::fromJson);
  }

  public static Envelope<Timestamp> timestamp(byte[] bytes, String source)
      throws MalformedMetadataException {
    return parse(bytes, source, Timestamp::fromJson);
  }

  public static Envelope<Snapshot> snapshot(byte[] bytes, String source)
      throws MalformedMetadataException {
    return parse(bytes, source, Snapshot::fromJson);
  }

  public static Envelope<Targets> targets(byte[] bytes, String source)
      throws MalformedMetadataException {
    return parse(bytes, source, Targets::fromJson);
  }

  /** Parses a metadata file of any role, dispatching on {@code signed._type}. */
  public static Envelope<? extends Signed> any(byte[] bytes, String source)
      throws MalformedMetadataException {
    ObjectNode top = JsonInput.parseObject(bytes, source);
    String type = FieldReader.of(top, source, "").object("signed").string("_type");
    RoleType role =
        RoleType.fromJsonName(type)
            .orElseThrow(
                () ->
                    new MalformedMetadataException(
                        source, "signed._type", "unknown role type '" + type + "'"));
    return switch (role) {
      case ROOT -> parseTree(top, source, Root::fromJson);
      case TIMESTAMP -> parseTree(top, source, Timestamp::fromJson);
      case SNAPSHOT -> parseTree(top, source, Snapshot::fromJson);
      case TARGETS -> parseTree(top, source, Targets::fromJson);
    };
  }

  private static <T extends Signed> Envelope<T> parse(
      byte[] bytes, String source, PayloadReader<T> reader) throws MalformedMetadataException {
    return parseTree(JsonInput.parseObject(bytes, source), source, reader);
  }

  private static <T extends Signed> Envelope<T> parseTree(
      ObjectNode top, String source, PayloadReader<T> reader) throws MalformedMetadataException {
    FieldReader r = FieldReader.of(top, source, "");
    FieldReader signed = r.object("signed");
    byte[] canonical = CanonicalJson.encode(signed.node());
    T payload = reader.read(signed);
    List<Signature> signatures = new ArrayList<>();
    Set<String> keyIds = new HashSet<>();
    for (FieldReader s : r.objects("signatures")) {
      Signature signature = Signature.fromJson(s);
      // TUF 1.0 §4.2: each keyid in signatures is unique.
      if (!keyIds.add(signature.keyId())) {
        throw new MalformedMetadataException(
            source, "signatures", "multiple signatures for key id " + signature.keyId());
      }
      signatures.add(signature);
    }
    return new Envelope<>(payload, Bytes.wrap(canonical), signatures, r.unrecognized(KNOWN));
  }

  /**
   * The file form of a payload and the signatures made over its canonical form: {@code {"signed":
   * ..., "signatures": [...]}} pretty-printed plus newline. For metadata this process builds and
   * signs; a file that was read is re-signed over the {@code signed} object as received, never
   * through a re-serialised record (ADR 0001).
   */
  public static byte[] serialize(Signed signed, List<Signature> signatures) {
    return PrettyJson.bytes(envelopeJson(signed.toJson(), signatures));
  }

  private static ObjectNode envelopeJson(JsonNode signedJson, List<Signature> signatures) {
    ObjectNode n = JsonInput.object();
    n.set("signed", signedJson);
    ArrayNode sigs = n.putArray("signatures");
    signatures.forEach(s -> sigs.add(s.toJson()));
    return n;
  }
}
