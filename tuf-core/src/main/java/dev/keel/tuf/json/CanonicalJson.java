package dev.keel.tuf.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.tuf.error.MalformedMetadataException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * OLPC canonical JSON, byte for byte as securesystemslib and tough's olpc-cjson produce it: object
 * keys sorted by Unicode code point (not Java's UTF-16 order), no insignificant whitespace, only
 * {@code "} and {@code \} escaped, all other characters written as raw UTF-8, integers only.
 *
 * <p>Signatures are always computed and checked over this encoding of the {@code signed} object as
 * it was received (see docs/adr/0001-olpc-canonical-json.md).
 */
public final class CanonicalJson {
  /**
   * Orders strings by Unicode code point, which differs from {@link String#compareTo} above U+FFFF.
   */
  public static final Comparator<String> CODE_POINT_ORDER = CanonicalJson::compareCodePoints;

  private CanonicalJson() {}

  /**
   * Encodes {@code node} canonically.
   *
   * @throws MalformedMetadataException if the tree holds a non-integer number or a string with an
   *     unpaired surrogate; the field names the JSON path of the offending value
   */
  public static byte[] encode(JsonNode node) throws MalformedMetadataException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    write(node, out, "$");
    return out.toByteArray();
  }

  private static void write(JsonNode node, ByteArrayOutputStream out, String path)
      throws MalformedMetadataException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(CODE_POINT_ORDER);
        out.write('{');
        boolean first = true;
        for (String name : names) {
          if (!first) {
            out.write(',');
          }
          first = false;
          writeString(name, out, path);
          out.write(':');
          write(node.get(name), out, path + "." + name);
        }
        out.write('}');
      }
      case ARRAY -> {
        out.write('[');
        Iterator<JsonNode> it = node.elements();
        int i = 0;
        while (it.hasNext()) {
          if (i > 0) {
            out.write(',');
          }
          write(it.next(), out, path + "[" + i + "]");
          i++;
        }
        out.write(']');
      }
      case STRING -> writeString(node.textValue(), out, path);
      case NUMBER -> {
        if (!node.isIntegralNumber()) {
          throw new MalformedMetadataException(
              "canonical JSON", path, "only integers are allowed, found " + node.asText());
        }
        out.writeBytes(node.bigIntegerValue().toString().getBytes(StandardCharsets.US_ASCII));
      }
      case BOOLEAN ->
          out.writeBytes(
              (node.booleanValue() ? "true" : "false").getBytes(StandardCharsets.US_ASCII));
      case NULL -> out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
      default ->
          throw new MalformedMetadataException(
              "canonical JSON", path, "value of type " + node.getNodeType() + " cannot be encoded");
    }
  }

  private static void writeString(String s, ByteArrayOutputStream out, String path)
      throws MalformedMetadataException {
    out.write('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.writeBytes(s.substring(start, i).getBytes(StandardCharsets.UTF_8));
        out.write('\\');
        out.write(c);
        start = i + 1;
      } else if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
        if (!paired) {
          throw new MalformedMetadataException(
              "canonical JSON", path, "string holds an unpaired surrogate");
        }
        i++;
      }
    }
    out.writeBytes(s.substring(start).getBytes(StandardCharsets.UTF_8));
    out.write('"');
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
