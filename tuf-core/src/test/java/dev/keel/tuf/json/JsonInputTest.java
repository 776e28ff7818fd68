package dev.keel.tuf.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.keel.tuf.error.MalformedMetadataException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonInputTest {
  private static JsonNode parse(String json) throws MalformedMetadataException {
    return JsonInput.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  private static String rejection(String json) {
    return assertThrows(MalformedMetadataException.class, () -> parse(json)).getMessage();
  }

  @Test
  void buildsTheTreeDatabindWouldForRealMetadata() throws Exception {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/expired-root.json")) {
      bytes = in.readAllBytes();
    }
    JsonNode reference =
        JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .readTree(bytes);
    assertEquals(reference, JsonInput.parse(bytes, "root.json"));
  }

  @Test
  void keepsFieldOrderAndTypesEveryScalar() throws Exception {
    JsonNode node =
        parse(
            "{\"z\":1,\"a\":[true,false,null,\"s\"],\"m\":{\"long\":5000000000,"
                + "\"big\":123456789012345678901234567890,\"dec\":1.50}}");
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("z", "a", "m"), names);
    assertTrue(node.get("z").isInt());
    assertEquals("[true,false,null,\"s\"]", node.get("a").toString());
    assertTrue(node.get("m").get("long").isLong());
    assertEquals(
        new BigInteger("123456789012345678901234567890"),
        node.get("m").get("big").bigIntegerValue());
    assertTrue(node.get("m").get("dec").isBigDecimal());
    assertEquals(0, new BigDecimal("1.5").compareTo(node.get("m").get("dec").decimalValue()));
  }

  @Test
  void rejectsWhatTwoParsersCouldReadDifferently() {
    assertTrue(
        rejection("{\"a\":1,\"a\":2}").contains("Duplicate field 'a'"),
        rejection("{\"a\":1,\"a\":2}"));
    assertTrue(rejection("{\"a\":{\"b\":1,\"b\":1}}").contains("Duplicate field 'b'"));
    assertTrue(rejection("{\"a\":1} {\"a\":2}").contains("trailing token"));
    assertTrue(rejection("{\"a\":1}]").contains("not valid JSON"));
    assertTrue(rejection("").contains("empty document"));
    assertTrue(rejection("  ").contains("empty document"));
    assertTrue(rejection("{\"a\":NaN}").contains("not valid JSON"));
    assertTrue(rejection("{\"a\":1").contains("not valid JSON"));
    assertTrue(rejection("[1,]").contains("not valid JSON"));
  }

  @Test
  void parseObjectRequiresAnObject() {
    assertThrows(
        MalformedMetadataException.class,
        () -> JsonInput.parseObject("[1]".getBytes(StandardCharsets.UTF_8), "t"));
  }
}
