package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.FieldReader;
import dev.keel.tuf.json.JsonInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Succinct hash-bin delegation (TAP 15): {@code 2^bit_length} bins named {@code
 * <name_prefix>-<hex>}, sharing one set of keys. A target belongs to the bin given by the first
 * {@code bit_length} bits of the SHA-256 of its path. Bins are never terminating.
 */
public record SuccinctRoles(
    List<String> keyIds,
    int threshold,
    int bitLength,
    String namePrefix,
    Map<String, JsonNode> unrecognized) {
  private static final Set<String> KNOWN =
      Set.of("keyids", "threshold", "bit_length", "name_prefix");

  public SuccinctRoles {
    keyIds = List.copyOf(keyIds);
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
    if (bitLength < 1 || bitLength > 32) {
      throw new IllegalArgumentException("bit_length must be between 1 and 32, got " + bitLength);
    }
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  public SuccinctRoles(List<String> keyIds, int threshold, int bitLength, String namePrefix) {
    this(keyIds, threshold, bitLength, namePrefix, Map.of());
  }

  public long numberOfBins() {
    return 1L << bitLength;
  }

  private int suffixLength() {
    return Long.toHexString(numberOfBins() - 1).length();
  }

  /** The name of bin {@code index}, e.g. {@code bins-0a}. */
  public String roleName(long index) {
    String hex = Long.toHexString(index);
    return namePrefix + "-" + "0".repeat(suffixLength() - hex.length()) + hex;
  }

  /** The bin responsible for {@code targetPath}. */
  public String roleForTarget(String targetPath) {
    byte[] hash = HexFormat.of().parseHex(DelegatedRole.pathHash(targetPath).substring(0, 8));
    long first32 =
        ((hash[0] & 0xFFL) << 24)
            | ((hash[1] & 0xFFL) << 16)
            | ((hash[2] & 0xFFL) << 8)
            | (hash[3] & 0xFFL);
    return roleName(first32 >>> (32 - bitLength));
  }

  /** Whether {@code roleName} is one of these bins. */
  public boolean isRole(String roleName) {
    String prefix = namePrefix + "-";
    if (!roleName.startsWith(prefix) || roleName.length() != prefix.length() + suffixLength()) {
      return false;
    }
    try {
      long index = Long.parseLong(roleName.substring(prefix.length()), 16);
      return index < numberOfBins() && roleName.equals(roleName(index));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public List<String> roleNames() {
    List<String> names = new ArrayList<>((int) numberOfBins());
    for (long i = 0; i < numberOfBins(); i++) {
      names.add(roleName(i));
    }
    return names;
  }

  public RoleKeys roleKeys() {
    return new RoleKeys(keyIds, threshold);
  }

  public static SuccinctRoles fromJson(FieldReader r) throws MalformedMetadataException {
    int bits = r.smallInteger("bit_length", 1);
    if (bits > 32) {
      throw r.error("bit_length", "must be at most 32");
    }
    return new SuccinctRoles(
        r.strings("keyids"),
        r.smallInteger("threshold", 1),
        bits,
        r.string("name_prefix"),
        r.unrecognized(KNOWN));
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonInput.object();
    keyIds.forEach(n.putArray("keyids")::add);
    n.put("threshold", threshold);
    n.put("bit_length", bitLength);
    n.put("name_prefix", namePrefix);
    n.setAll(unrecognized);
    return n;
  }
}
