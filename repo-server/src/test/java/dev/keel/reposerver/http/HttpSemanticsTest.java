package dev.keel.reposerver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.reposerver.ServerFixture;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cache or CDN in front of the server relies on, and how malformed requests are answered.
 */
@ExtendWith(VertxExtension.class)
class HttpSemanticsTest {
  static final byte[] CONTENT = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  ServerFixture server;
  String target;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = new ServerFixture(vertx, dir, Clock.systemUTC(), 64 * 1024);
    Files.createDirectories(dir.resolve("targets"));
    target = "/targets/" + "a".repeat(64) + ".data.bin";
    Path file = dir.resolve(target.substring(1));
    Files.write(file, CONTENT);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-05T03:04:05Z")));
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void lastModifiedAndDateAreImfFixdates() throws Exception {
    HttpResponse<String> r = get(target);
    assertEquals(200, r.statusCode());
    assertEquals(
        "Mon, 05 Jan 2026 03:04:05 GMT", r.headers().firstValue("Last-Modified").orElseThrow());
    assertTrue(
        r.headers()
            .firstValue("Date")
            .orElseThrow()
            .matches(
                "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT"));
    assertEquals(
        304, get(target, "If-Modified-Since", "Mon, 05 Jan 2026 03:04:05 GMT").statusCode());
  }

  @Test
  void aReplacedSmallFileIsServedFreshEvenWithTheSameSizeAndTime() throws Exception {
    // A target rather than metadata: a timestamp.json would make a repository the expiry refresher
    // works on.
    Path file = dir.resolve("targets/" + "b".repeat(64) + ".small.json");
    Files.writeString(file, "{\"v\":1}");
    FileTime time = FileTime.from(Instant.parse("2026-01-05T03:04:05Z"));
    Files.setLastModifiedTime(file, time);
    String path = "/targets/" + file.getFileName();
    assertEquals("{\"v\":1}", get(path).body());
    assertEquals("{\"v\":1}", get(path).body());
    Path next = file.resolveSibling(".next");
    Files.writeString(next, "{\"v\":2}");
    Files.setLastModifiedTime(next, time);
    Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    assertEquals("{\"v\":2}", get(path).body());
    assertEquals("\"v\"", get(path, "Range", "bytes=1-3").body());
  }

  @Test
  void errorsAreNeverCachedForLong() throws Exception {
    HttpResponse<String> unsatisfiable = get(target, "Range", "bytes=999-");
    assertEquals(416, unsatisfiable.statusCode());
    assertEquals("no-store", unsatisfiable.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals(
        "bytes */" + CONTENT.length,
        unsatisfiable.headers().firstValue("Content-Range").orElseThrow());
    assertFalse(unsatisfiable.headers().firstValue("ETag").isPresent());
    HttpResponse<String> failed = get(target, "If-Match", "\"other\"");
    assertEquals(412, failed.statusCode());
    assertEquals("no-store", failed.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals(
        "public, max-age=10",
        get("/targets/missing").headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void rangesAUnitOtherThanBytesOrABadRangeIsIgnored() throws Exception {
    for (String ignored :
        List.of("Bytes=0-1", "items=0-1", "bytes=abc", "bytes=5-2", "bytes=0-1,3-4", "bytes=-")) {
      HttpResponse<String> r = get(target, "Range", ignored);
      assertEquals(200, r.statusCode(), ignored);
      assertEquals(new String(CONTENT, StandardCharsets.US_ASCII), r.body(), ignored);
    }
    HttpResponse<String> clamped = get(target, "Range", "bytes=15-99999999999999999999999");
    assertEquals(206, clamped.statusCode());
    assertEquals("bytes 15-19/20", clamped.headers().firstValue("Content-Range").orElseThrow());
    assertEquals("fghij", clamped.body());
    assertEquals(
        "bytes 0-19/20",
        get(target, "Range", "bytes=-99999999999999999999999")
            .headers()
            .firstValue("Content-Range")
            .orElseThrow());
    assertEquals(416, get(target, "Range", "bytes=99999999999999999999999-").statusCode());
  }

  @Test
  void ifMatchAndIfUnmodifiedSinceAreHonoured() throws Exception {
    String etag = get(target).headers().firstValue("ETag").orElseThrow();
    assertEquals(200, get(target, "If-Match", etag).statusCode());
    assertEquals(200, get(target, "If-Match", "*").statusCode());
    assertEquals(412, get(target, "If-Match", "\"nope\", \"other\"").statusCode());
    assertEquals(
        200, get(target, "If-Unmodified-Since", "Mon, 05 Jan 2026 03:04:05 GMT").statusCode());
    assertEquals(
        412, get(target, "If-Unmodified-Since", "Sun, 04 Jan 2026 00:00:00 GMT").statusCode());
    // If-Match wins over If-Unmodified-Since (RFC 9110 section 13.2.2).
    assertEquals(
        200,
        get(target, "If-Match", etag, "If-Unmodified-Since", "Sun, 04 Jan 2026 00:00:00 GMT")
            .statusCode());
  }

  @Test
  void dotSegmentsAreRefused() throws Exception {
    Files.createDirectories(dir.resolve("targets/.git"));
    Files.writeString(dir.resolve("targets/.git/config"), "[core]\n");
    Files.writeString(dir.resolve("targets/.hidden"), "x");
    for (String path :
        List.of(
            "/targets/.git/config",
            "/targets/.hidden",
            "/targets/%2egit/config",
            "/metadata/.x/y/timestamp.json",
            "/.well-known/x")) {
      assertEquals(400, server.rawStatus(path), path);
    }
  }

  @Test
  void a405SaysWhatIsAllowed() throws Exception {
    HttpResponse<String> r = server.send("PUT", target, null, HttpRequest.BodyPublishers.noBody());
    assertEquals(405, r.statusCode());
    assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
    assertEquals(
        "PUT, POST",
        server
            .send("DELETE", "/api/v1/uploads", null, HttpRequest.BodyPublishers.noBody())
            .headers()
            .firstValue("Allow")
            .orElseThrow());
    assertEquals(
        "DELETE",
        server
            .send(
                "GET",
                "/api/v1/repos/a/b/releases/1.0.0",
                null,
                HttpRequest.BodyPublishers.noBody())
            .headers()
            .firstValue("Allow")
            .orElseThrow());
  }

  @Test
  void aRequestNeedsExactlyOneHost() throws Exception {
    assertTrue(
        server
            .raw("GET " + target + " HTTP/1.1\r\nConnection: close\r\n\r\n")
            .startsWith("HTTP/1.1 400"));
    assertTrue(
        server
            .raw("GET " + target + " HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n")
            .startsWith("HTTP/1.1 400"));
    assertTrue(
        server
            .raw("GET " + target + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            .startsWith("HTTP/1.1 200"));
    assertTrue(server.raw("GET " + target + " HTTP/1.0\r\n\r\n").startsWith("HTTP/1.0 200"));
  }

  @Test
  void http2CleartextIsOff() throws Exception {
    // Prior knowledge: the connection preface is not HTTP/1.1, so it is refused, never answered
    // with frames.
    String preface = server.raw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    assertTrue(
        preface.isEmpty() || preface.matches("(?s)HTTP/\\d\\.\\d [45]\\d\\d [^\\r]*\r\n.*"),
        preface);
    // Upgrade: the request is served over HTTP/1.1 and the upgrade declined.
    String upgrade =
        server.rawHead(
            "GET "
                + target
                + " HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
    assertTrue(upgrade.startsWith("HTTP/1.1 200"), upgrade);
    // An API refusal over HTTP/1.1 closes the connection after a complete response.
    String refused =
        server.raw("PUT /api/v1/uploads HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
    assertTrue(refused.startsWith("HTTP/1.1 401") && refused.endsWith("}\n"), refused);
  }

  @Test
  void jsonBodiesAreParsedStrictly() throws Exception {
    for (String[] bad :
        new String[][] {
          {"{\"version\":\"1.0.0\",\"version\":\"9.9.9\"}", "Duplicate field 'version'"},
          {"{\"version\":\"1.0.0\"} {}", "not valid JSON"},
          {"[\"1.0.0\"]", "JSON object"}
        }) {
      HttpResponse<String> r = server.publish("aws-dev", "x86_64", bad[0]);
      assertEquals(400, r.statusCode(), bad[0]);
      assertTrue(r.body().contains(bad[1]), r.body());
    }
  }

  @Test
  void malformedChunkedBodiesAndLongNamesAre400sWithoutServerPaths() throws Exception {
    for (String path : List.of("/api/v1/uploads", "/api/v1/repos/aws-dev/x86_64/releases")) {
      String r =
          server.raw(
              "POST "
                  + path
                  + " HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer "
                  + ServerFixture.PUBLISH_TOKEN
                  + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
      assertTrue(r.startsWith("HTTP/1.1 400"), path + ": " + r);
      assertTrue(r.contains("malformed"), r);
      assertFalse(r.contains(dir.toString()), r);
    }
    HttpResponse<String> longName =
        server.send(
            "PUT",
            "/api/v1/uploads?name=" + "n".repeat(300),
            ServerFixture.PUBLISH_TOKEN,
            HttpRequest.BodyPublishers.ofString("x"));
    assertEquals(400, longName.statusCode(), longName.body());
    assertTrue(longName.body().toLowerCase(Locale.ROOT).contains("long"), longName.body());
    assertFalse(longName.body().contains(dir.toString()), longName.body());
    String body =
        server
            .releaseBody("aws-dev", "x86_64", "1.0.0", "")
            .replace("-boot.ext4.lz4", "n".repeat(250));
    HttpResponse<String> longImage = server.publish("aws-dev", "x86_64", body);
    assertEquals(400, longImage.statusCode(), longImage.body());
    assertTrue(longImage.body().contains("too long"), longImage.body());
    assertFalse(longImage.body().contains(dir.toString()), longImage.body());
  }
}
