package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metadata file: the typed payload, the canonical bytes of the {@code signed} object exactly as
 * received (what signatures are checked against, never a re-serialisation of {@link #signed()}),
 * and the signatures.
 */
public record Envelope<T extends Signed>(
    T signed,
    Bytes canonicalSigned,
    List<Signature> signatures,
    Map<String, JsonNode> unrecognized) {

  public Envelope {
    signatures = List.copyOf(signatures);
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }
}
