package dev.keel.tuf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.json.FieldReader;
import dev.keel.tuf.json.JsonInput;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of {@code delegations.roles}: a named role, its keys and threshold, whether it is
 * terminating, and which target paths it is trusted for, either as {@code paths} patterns or as
 * {@code path_hash_prefixes} (exactly one of the two).
 */
public record DelegatedRole(
    String name,
    List<String> keyIds,
    int threshold,
    boolean terminating,
    Optional<List<String>> paths,
    Optional<List<String>> pathHashPrefixes,
    Map<String, JsonNode> unrecognized) {
  private static final Set<String> KNOWN =
      Set.of("name", "keyids", "threshold", "terminating", "paths", "path_hash_prefixes");

  public DelegatedRole {
    keyIds = List.copyOf(keyIds);
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
    if (paths.isPresent() == pathHashPrefixes.isPresent()) {
      throw new IllegalArgumentException(
          "role " + name + ": exactly one of paths and path_hash_prefixes is required");
    }
    paths = paths.map(List::copyOf);
    pathHashPrefixes = pathHashPrefixes.map(List::copyOf);
    unrecognized = Collections.unmodifiableMap(new LinkedHashMap<>(unrecognized));
  }

  public static DelegatedRole withPaths(
      String name, List<String> keyIds, int threshold, boolean terminating, List<String> paths) {
    return new DelegatedRole(
        name, keyIds, threshold, terminating, Optional.of(paths), Optional.empty(), Map.of());
  }

  public static DelegatedRole withHashPrefixes(
      String name, List<String> keyIds, int threshold, boolean terminating, List<String> prefixes) {
    return new DelegatedRole(
        name, keyIds, threshold, terminating, Optional.empty(), Optional.of(prefixes), Map.of());
  }

  public RoleKeys roleKeys() {
    return new RoleKeys(keyIds, threshold);
  }

  /**
   * Whether this role is trusted for {@code targetPath}: a {@code paths} pattern matches it (see
   * {@link PathPattern}), or the hex SHA-256 of the path starts with one of the prefixes.
   */
  public boolean isDelegatedPath(String targetPath) {
    if (paths.isPresent()) {
      return paths.get().stream().anyMatch(p -> PathPattern.matches(p, targetPath));
    }
    String hash = pathHash(targetPath);
    return pathHashPrefixes.orElseThrow().stream().anyMatch(hash::startsWith);
  }

  /** Hex SHA-256 of a target path, as path_hash_prefixes and hash bins use it. */
  static String pathHash(String targetPath) {
    return HashAlgorithm.SHA256.hex(targetPath.getBytes(StandardCharsets.UTF_8));
  }

  public static DelegatedRole fromJson(FieldReader r) throws MalformedMetadataException {
    boolean hasPaths = r.has("paths");
    boolean hasPrefixes = r.has("path_hash_prefixes");
    if (hasPaths == hasPrefixes) {
      throw r.error("", "exactly one of 'paths' and 'path_hash_prefixes' is required");
    }
    Optional<List<String>> paths = hasPaths ? Optional.of(r.strings("paths")) : Optional.empty();
    Optional<List<String>> prefixes =
        hasPrefixes ? Optional.of(r.strings("path_hash_prefixes")) : Optional.empty();
    return new DelegatedRole(
        r.string("name"),
        r.strings("keyids"),
        r.smallInteger("threshold", 1),
        r.bool("terminating"),
        paths,
        prefixes,
        r.unrecognized(KNOWN));
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonInput.object();
    n.put("name", name);
    keyIds.forEach(n.putArray("keyids")::add);
    n.put("threshold", threshold);
    n.put("terminating", terminating);
    paths.ifPresent(ps -> ps.forEach(n.putArray("paths")::add));
    pathHashPrefixes.ifPresent(ps -> ps.forEach(n.putArray("path_hash_prefixes")::add));
    n.setAll(unrecognized);
    return n;
  }
}
