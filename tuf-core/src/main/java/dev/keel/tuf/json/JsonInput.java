package dev.keel.tuf.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import java.io.IOException;

/**
 * Strict JSON parsing for untrusted input: duplicate keys and trailing content are rejected, so two
 * parsers can never disagree about what a signed document says.
 *
 * <p>The tree is built straight from Jackson's streaming parser: an {@code ObjectMapper} would give
 * the same nodes, but setting one up (its type factory, deserializer caches and date format, which
 * loads the JDK's locale data) costs every short-lived command tens of milliseconds before the
 * first request.
 */
public final class JsonInput {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonInput() {}

  /**
   * Parses {@code bytes} into a tree. Integers become int, long or big-integer nodes by size; other
   * numbers become decimal nodes, never binary floating point.
   *
   * @param source names the file or role in error messages
   * @throws MalformedMetadataException if the bytes are not one well-formed JSON value
   */
  public static JsonNode parse(byte[] bytes, String source) throws MalformedMetadataException {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new MalformedMetadataException(source, "", "empty document");
      }
      JsonNode node = value(parser, first);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new JsonParseException(
            parser, "trailing token (" + trailing + ") after the top-level value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedMetadataException(
          source,
          "",
          "not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() != null
                  ? " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                  : ""),
          e);
    } catch (IOException e) {
      throw new MalformedMetadataException(source, "", "not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The value that starts with {@code token}; the parser's nesting limit bounds the recursion. */
  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
          object.set(name, value(parser, parser.nextToken()));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(value(parser, t));
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        switch (parser.getNumberType()) {
          case INT:
            return NODES.numberNode(parser.getIntValue());
          case LONG:
            return NODES.numberNode(parser.getLongValue());
          default:
            return NODES.numberNode(parser.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new JsonParseException(parser, "unexpected token " + token);
    }
  }

  /** Parses {@code bytes} and requires the top level to be an object. */
  public static ObjectNode parseObject(byte[] bytes, String source)
      throws MalformedMetadataException {
    JsonNode node = parse(bytes, source);
    if (!node.isObject()) {
      throw new MalformedMetadataException(source, "", "expected a JSON object at the top level");
    }
    return (ObjectNode) node;
  }

  /** A new, empty object node whose field order is insertion order. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
