package dev.keel.tuf.model;

import java.nio.charset.StandardCharsets;

/**
 * File names of a repository's metadata and targets (§6.1 of the update-system spec): the single
 * place that knows {@code N.root.json}, {@code N.<role>.json}, {@code timestamp.json} and {@code
 * <sha256>.<name>}. Used by the writer, the client and the server alike.
 */
public final class MetadataPaths {
  private MetadataPaths() {}

  public static String root(long version) {
    return version + ".root.json";
  }

  public static String timestamp() {
    return "timestamp.json";
  }

  /**
   * The file of a snapshot or targets role (top-level or delegated): {@code N.<encoded>.json} with
   * consistent snapshots, {@code <encoded>.json} without.
   */
  public static String role(String roleName, long version, boolean consistentSnapshot) {
    String encoded = encodeSegment(roleName);
    return consistentSnapshot ? version + "." + encoded + ".json" : encoded + ".json";
  }

  /**
   * A target's path below the targets base: {@code dir/<hash>.<file>} with consistent snapshots
   * (the hash goes on the last segment, keeping the directory part), the name itself otherwise.
   * {@code name} is a {@link TargetPath#resolved()} name: the file is stored, and fetched, by it.
   */
  public static String target(String name, String sha256Hex, boolean consistentSnapshot) {
    if (!consistentSnapshot) {
      return name;
    }
    int slash = name.lastIndexOf('/');
    return name.substring(0, slash + 1) + sha256Hex + "." + name.substring(slash + 1);
  }

  /**
   * Percent-encodes one path segment (a role name in a file name, a segment of a target URL): every
   * byte outside {@code [A-Za-z0-9-._~]} becomes {@code %XX}, so a name can never introduce a
   * directory or escape one.
   */
  public static String encodeSegment(String roleName) {
    StringBuilder sb = new StringBuilder(roleName.length());
    for (byte b : roleName.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }
}
