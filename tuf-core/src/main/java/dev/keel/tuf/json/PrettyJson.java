package dev.keel.tuf.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Pretty-printed JSON exactly as serde_json's {@code to_string_pretty} writes it (two-space indent,
 * {@code "key": value}, one element per line, {@code []} and {@code {}} for empty containers), so
 * files we write match the ones the original tools write. Keys keep the tree's insertion order.
 * {@link #bytes} adds the trailing newline tough writes after metadata.
 */
public final class PrettyJson {
  private PrettyJson() {}

  /** The pretty form followed by a newline, as UTF-8. */
  public static byte[] bytes(JsonNode node) {
    return (string(node) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The pretty form without a trailing newline. */
  public static String string(JsonNode node) {
    StringBuilder sb = new StringBuilder(1024);
    write(node, sb, 0);
    return sb.toString();
  }

  private static void write(JsonNode node, StringBuilder sb, int depth) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        indent(sb, depth + 1);
        quote(e.getKey(), sb);
        sb.append(": ");
        write(e.getValue(), sb, depth + 1);
        sb.append(it.hasNext() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      Iterator<JsonNode> it = node.elements();
      while (it.hasNext()) {
        indent(sb, depth + 1);
        write(it.next(), sb, depth + 1);
        sb.append(it.hasNext() ? ",\n" : "\n");
      }
      indent(sb, depth);
      sb.append(']');
    } else if (node.isTextual()) {
      quote(node.textValue(), sb);
    } else {
      sb.append(node.toString());
    }
  }

  private static void indent(StringBuilder sb, int depth) {
    sb.append("  ".repeat(depth));
  }

  /**
   * serde_json's escaping: quote, backslash, the short control escapes, other controls as \\u00XX.
   */
  static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
