package dev.keel.tuf.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.MalformedMetadataException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden vectors: the expected strings are what securesystemslib's encode_canonical (and tough's
 * olpc-cjson) produce for the same input.
 */
class CanonicalJsonTest {

  private static String canonical(String json) throws MalformedMetadataException {
    return new String(
        CanonicalJson.encode(JsonInput.parse(json.getBytes(StandardCharsets.UTF_8), "test")),
        StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        // whitespace removed, keys sorted
        "{ \"b\" : 1 , \"a\" : [ 1, 2 ] } | {\"a\":[1,2],\"b\":1}",
        // nested objects sorted at every level
        "{\"z\":{\"y\":true,\"x\":false},\"a\":null} | {\"a\":null,\"z\":{\"x\":false,\"y\":true}}",
        // only quote and backslash are escaped
        "{\"k\":\"a\\\"b\\\\c\"} | {\"k\":\"a\\\"b\\\\c\"}",
        // a slash escape in the input is written raw
        "{\"k\":\"a\\/b\"} | {\"k\":\"a/b\"}",
        // negative and large integers verbatim
        "[-1,0,9223372036854775807,18446744073709551616] | [-1,0,9223372036854775807,18446744073709551616]",
        "[] | []",
        "{} | {}",
        "\"x\" | \"x\"",
      })
  void encodesGoldenVectors(String input, String expected) throws Exception {
    assertEquals(expected, canonical(input));
  }

  @Test
  void controlCharactersAreWrittenRawNotEscaped() throws Exception {
    // securesystemslib escapes only " and \ : a newline in a PEM value stays a raw 0x0A byte.
    byte[] out =
        CanonicalJson.encode(
            JsonInput.parse("{\"pem\":\"a\\nb\\tc\"}".getBytes(StandardCharsets.UTF_8), "t"));
    assertArrayEquals("{\"pem\":\"a\nb\tc\"}".getBytes(StandardCharsets.UTF_8), out);
  }

  @Test
  void nonAsciiIsRawUtf8() throws Exception {
    String in = "{\"caf\\u00e9\":\"\\u65e5\\u672c\"}";
    byte[] out = CanonicalJson.encode(JsonInput.parse(in.getBytes(StandardCharsets.UTF_8), "t"));
    assertArrayEquals("{\"café\":\"日本\"}".getBytes(StandardCharsets.UTF_8), out);
  }

  @Test
  void keysSortByCodePointNotUtf16() throws Exception {
    // U+FFFD sorts before U+1F600 by code point; in UTF-16 the surrogate 0xD83D would sort first.
    String in = "{\"\\ud83d\\ude00\":1,\"\\ufffd\":2,\"\\u00e9\":3,\"z\":4,\"Z\":5}";
    assertEquals("{\"Z\":5,\"z\":4,\"é\":3,\"\uFFFD\":2,\"\uD83D\uDE00\":1}", canonical(in));
  }

  @Test
  void codePointOrderMatchesUtf8ByteOrder() {
    assertEquals(true, CanonicalJson.CODE_POINT_ORDER.compare("\uFFFD", "\uD83D\uDE00") < 0);
    assertEquals(
        true,
        "\uFFFD".compareTo("\uD83D\uDE00") > 0,
        "Java's own order differs, which is the point");
    assertEquals(true, CanonicalJson.CODE_POINT_ORDER.compare("ab", "abc") < 0);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"{\"a\":1.5}", "{\"a\":1.0}", "{\"a\":1e3}", "[0.1]"})
  void rejectsFloats(String input) {
    MalformedMetadataException e =
        assertThrows(MalformedMetadataException.class, () -> canonical(input));
    assertEquals(true, e.field().startsWith("$"), e.field());
  }

  @Test
  void rejectsUnpairedSurrogates() {
    assertThrows(MalformedMetadataException.class, () -> canonical("{\"a\":\"\\ud800\"}"));
  }

  @Test
  void parserRejectsDuplicateKeysAndTrailingContent() {
    assertThrows(MalformedMetadataException.class, () -> canonical("{\"a\":1,\"a\":2}"));
    assertThrows(MalformedMetadataException.class, () -> canonical("{\"a\":1} {}"));
    assertThrows(MalformedMetadataException.class, () -> canonical(""));
  }
}
