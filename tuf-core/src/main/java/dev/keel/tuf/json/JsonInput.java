package dev.keel.tuf.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.MalformedMetadataException;
import java.io.IOException;

/**
 * Strict JSON parsing for untrusted input: duplicate keys and trailing content are rejected, so two
 * parsers can never disagree about what a signed document says.
 */
public final class JsonInput {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private JsonInput() {}

  /**
   * Parses {@code bytes} into a tree.
   *
   * @param source names the file or role in error messages
   * @throws MalformedMetadataException if the bytes are not one well-formed JSON value
   */
  public static JsonNode parse(byte[] bytes, String source) throws MalformedMetadataException {
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      JsonNode node = MAPPER.readTree(parser);
      if (node == null || node.isMissingNode()) {
        throw new MalformedMetadataException(source, "", "empty document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedMetadataException(source, "", "not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : ""), e);
    } catch (IOException e) {
      throw new MalformedMetadataException(source, "", "not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Parses {@code bytes} and requires the top level to be an object. */
  public static ObjectNode parseObject(byte[] bytes, String source) throws MalformedMetadataException {
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
