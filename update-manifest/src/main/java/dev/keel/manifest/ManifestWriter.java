package dev.keel.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.json.PrettyJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes manifest.json byte for byte as the original's {@code serde_json::to_string_pretty} (no
 * trailing newline): updates in list order with fields {@code variant, arch, version, max_version,
 * waves, images}; wave keys in numeric order; times in chrono's RFC 3339 form; migrations keyed
 * {@code "(FROM, TO)"} in lexicographic order of those strings. Unknown fields, which the original
 * drops, are appended after the known ones of their object.
 */
final class ManifestWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ManifestWriter() {}

  /**
   * Checks that {@code value} can be written as UTF-8 and read back unchanged: not null, and no
   * unpaired surrogate (which UTF-8 cannot encode). Records of this package call it from their
   * constructors, so that no manifest holds a string the writer would corrupt.
   *
   * @throws IllegalArgumentException naming {@code field} otherwise
   */
  static String requireWritable(String field, String value) {
    Objects.requireNonNull(value, field);
    int bad = unpairedSurrogate(value);
    if (bad >= 0) {
      throw new IllegalArgumentException(field + " has an unpaired surrogate at index " + bad);
    }
    return value;
  }

  /** The index of the first unpaired surrogate in {@code s}, or -1. */
  static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  static byte[] write(Manifest manifest) {
    return PrettyJson.string(tree(manifest)).getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode tree(Manifest manifest) {
    ObjectNode root = NODES.objectNode();
    ArrayNode updates = root.putArray("updates");
    for (Update u : manifest.updates()) {
      updates.add(update(u));
    }
    ObjectNode migrations = root.putObject("migrations");
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    for (Map.Entry<MigrationKey, List<String>> e : manifest.migrations().entrySet()) {
      sorted.put(e.getKey().toString(), e.getValue());
    }
    for (Map.Entry<String, List<String>> e : sorted.entrySet()) {
      ArrayNode names = migrations.putArray(e.getKey());
      e.getValue().forEach(names::add);
    }
    manifest.unknownFields().appendTo(root);
    return root;
  }

  static ObjectNode update(Update u) {
    ObjectNode node = NODES.objectNode();
    node.put("variant", u.variant());
    node.put("arch", u.arch());
    node.put("version", u.version().toString());
    node.put("max_version", u.maxVersion().toString());
    ObjectNode waves = node.putObject("waves");
    for (Map.Entry<Long, Instant> w : u.waves().entrySet()) {
      waves.put(Long.toString(w.getKey()), Rfc3339.format(w.getValue()));
    }
    ObjectNode images = node.putObject("images");
    images.put("boot", u.images().boot());
    images.put("root", u.images().root());
    images.put("hash", u.images().hash());
    u.images().unknownFields().appendTo(images);
    u.unknownFields().appendTo(node);
    return node;
  }
}
