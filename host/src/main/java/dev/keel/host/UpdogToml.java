package dev.keel.host;

/** Renders {@code /etc/updog.toml} (spec §3.2) as the host's settings would. */
final class UpdogToml {
  private UpdogToml() {}

  static String render(String metadataBaseUrl, String targetsBaseUrl, long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("seed must be a u32, got " + seed);
    }
    return "metadata_base_url = "
        + string(metadataBaseUrl)
        + "\n"
        + "targets_base_url = "
        + string(targetsBaseUrl)
        + "\n"
        + "seed = "
        + seed
        + "\n"
        + "version_lock = \"latest\"\n"
        + "ignore_waves = false\n";
  }

  /** A TOML basic string. */
  static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
