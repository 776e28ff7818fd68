package dev.keel.tuf.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The output must match serde_json's to_string_pretty, which the original tools write. */
class PrettyJsonTest {

  @Test
  void matchesSerdePrettyLayout() throws Exception {
    String in =
        "{\"b\":[1,{\"x\":\"y\"}],\"a\":{},\"c\":[],\"d\":\"line\\nbreak \\u0001 \\\"q\\\" é\"}";
    String expected =
        """
        {
          "b": [
            1,
            {
              "x": "y"
            }
          ],
          "a": {},
          "c": [],
          "d": "line\\nbreak \\u0001 \\"q\\" é"
        }""";
    assertEquals(
        expected, PrettyJson.string(JsonInput.parse(in.getBytes(StandardCharsets.UTF_8), "t")));
  }

  @Test
  void bytesEndWithNewline() throws Exception {
    byte[] out =
        PrettyJson.bytes(JsonInput.parse("{\"a\":true}".getBytes(StandardCharsets.UTF_8), "t"));
    assertEquals("{\n  \"a\": true\n}\n", new String(out, StandardCharsets.UTF_8));
  }
}
