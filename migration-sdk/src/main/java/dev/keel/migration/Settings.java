package dev.keel.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.datastore.InvalidKeyException;
import dev.keel.datastore.Key;

/**
 * Parsing keys and JSON values for the ready-made migrations, with unchecked errors for constants
 * in code.
 */
final class Settings {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Settings() {}

  static Key key(String name) {
    try {
      return Key.parse(name);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A JSON value from Java: a String, Number, Boolean, List or Map, or a JsonNode as is. */
  static JsonNode value(Object value) {
    return value instanceof JsonNode node ? node : JSON.valueToTree(value);
  }

  static JsonNode parse(String json) throws JsonProcessingException {
    return JSON.readTree(json);
  }

  static String text(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
