package dev.keel.tuf.transport;

import static dev.keel.tuf.transport.ScriptedHttpServer.cutAfter;
import static dev.keel.tuf.transport.ScriptedHttpServer.head;
import static dev.keel.tuf.transport.ScriptedHttpServer.ranges;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.error.DownloadException;
import dev.keel.tuf.error.LengthLimitExceededException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpTransport} against a scripted server that cuts bodies at exact offsets, ignores or
 * botches ranges, and lies in headers.
 */
class HttpTransportResumeTest {
  private static final byte[] BODY = TestData.bytes(100_000, 42);

  private final TestData.RecordingSleeper sleeper = new TestData.RecordingSleeper();
  private final HttpTransport transport =
      new HttpTransport(TestData.fastSettings(), ProxySettings.none(), sleeper, Ticker.system());

  private FetchResult.Found fetch(ScriptedHttpServer server, long cap) throws DownloadException {
    return assertInstanceOf(
        FetchResult.Found.class, transport.fetch(server.uri("/image.lz4"), cap));
  }

  /** Reads everything; a failure comes back as the typed exception. */
  private static DownloadException readExpectingFailure(
      FetchResult.Found found, ByteArrayOutputStream sink) {
    IOException e =
        assertThrows(
            IOException.class,
            () -> {
              try (InputStream in = found.body()) {
                in.transferTo(sink);
              }
            });
    assertInstanceOf(DownloadIOException.class, e);
    return DownloadIOException.unwrap(e, found.url());
  }

  @Test
  void resumesWithRangeWhenServerAcceptsRanges() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(cutAfter(BODY, 40_000, true), ranges(BODY))) {
      FetchResult.Found found = fetch(server, BODY.length);

      assertArrayEquals(BODY, found.body().readAllBytes());
      assertEquals(2, server.requests().size());
      assertEquals("bytes=40000-", server.requests().get(1).header("Range"));
      assertEquals(1, sleeper.sleeps.size());
    }
  }

  @Test
  void aShorterPartialAnswerIsResumedAgainNotTakenAsTheEnd() throws Exception {
    // The server answers "bytes=40000-" with only 40000-49999 of 100000, complete and well formed.
    ScriptedHttpServer.Responder shortRange =
        (request, out) -> {
          out.write(
              head(
                  "206 Partial Content",
                  "Content-Length: 10000",
                  "Content-Range: bytes 40000-49999/100000",
                  "Accept-Ranges: bytes"));
          out.write(Arrays.copyOfRange(BODY, 40_000, 50_000));
        };
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(cutAfter(BODY, 40_000, true), shortRange, ranges(BODY))) {
      assertArrayEquals(BODY, fetch(server, BODY.length).body().readAllBytes());
      assertEquals(3, server.requests().size());
      assertEquals("bytes=50000-", server.requests().get(2).header("Range"));
    }
  }

  @Test
  void resumesWhenServerIgnoresRangeAndSendsEverything() throws Exception {
    ScriptedHttpServer.Responder ignoresRange =
        (request, out) -> {
          out.write(head("200 OK", "Content-Length: " + BODY.length, "Accept-Ranges: bytes"));
          out.write(BODY);
        };
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(cutAfter(BODY, 40_000, true), ignoresRange)) {
      assertArrayEquals(BODY, fetch(server, BODY.length).body().readAllBytes());
      assertEquals("bytes=40000-", server.requests().get(1).header("Range"));
    }
  }

  @Test
  void failsWhenPartialContentStartsElsewhere() throws Exception {
    ScriptedHttpServer.Responder wrongStart =
        (request, out) -> {
          out.write(
              head(
                  "206 Partial Content",
                  "Content-Length: " + BODY.length,
                  "Content-Range: bytes 0-99999/100000"));
          out.write(BODY);
        };
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(cutAfter(BODY, 40_000, true), wrongStart)) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();

      DownloadException e = readExpectingFailure(fetch(server, BODY.length), sink);

      assertInstanceOf(TransportFailureException.class, e);
      assertTrue(e.getMessage().contains("Content-Range bytes 0-99999/100000"), e.getMessage());
      assertArrayEquals(Arrays.copyOf(BODY, 40_000), sink.toByteArray());
    }
  }

  @Test
  void startsOverWithoutRangesWhenNothingWasHandedOut() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(cutAfter(BODY, 0, false), cutAfter(BODY, BODY.length, false))) {
      assertArrayEquals(BODY, fetch(server, BODY.length).body().readAllBytes());
      assertEquals(2, server.requests().size());
      assertNull(server.requests().get(1).header("Range"));
    }
  }

  @Test
  void failsWithoutRangesOnceBytesWereHandedOut() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(cutAfter(BODY, 40_000, false), cutAfter(BODY, BODY.length, false))) {
      FetchResult.Found found = fetch(server, BODY.length);

      DownloadException e = readExpectingFailure(found, new ByteArrayOutputStream());

      assertInstanceOf(TransportFailureException.class, e);
      assertTrue(e.getMessage().startsWith(found.url().toString()), e.getMessage());
      assertTrue(
          e.getMessage().contains("after 40000 bytes and the server does not accept ranges"),
          e.getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void resumesShareTheTryBudget() throws Exception {
    ScriptedHttpServer.Responder dribble =
        (request, out) -> {
          // Answer every range with 10 more bytes, then hang up.
          String range = request.header("Range");
          int start = range == null ? 0 : Integer.parseInt(range.replaceAll("\\D", ""));
          out.write(
              head(
                  "206 Partial Content",
                  "Content-Length: " + (BODY.length - start),
                  "Content-Range: bytes " + start + "-" + (BODY.length - 1) + "/" + BODY.length));
          out.write(BODY, start, 10);
        };
    try (ScriptedHttpServer server = new ScriptedHttpServer(cutAfter(BODY, 10, true), dribble)) {
      DownloadException e =
          readExpectingFailure(fetch(server, BODY.length), new ByteArrayOutputStream());

      assertInstanceOf(TransportFailureException.class, e);
      assertTrue(
          e.getMessage().contains("connection lost after 40 bytes; gave up after 4 tries"),
          e.getMessage());
      assertEquals(4, server.requests().size());
    }
  }

  @Test
  void failsWhenTheResourceChangesLength() throws Exception {
    byte[] longer = TestData.bytes(BODY.length + 1, 43);
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(cutAfter(BODY, 40_000, true), ranges(longer))) {
      DownloadException e =
          readExpectingFailure(fetch(server, 1_000_000), new ByteArrayOutputStream());

      assertTrue(e.getMessage().contains("changed during the download"), e.getMessage());
    }
  }

  @Test
  void chunkedBodyLongerThanCapFailsDespiteLyingContentLength() throws Exception {
    // Transfer-Encoding overrides Content-Length (RFC 9112 6.3): 10 is a lie, the body is 5000.
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            ScriptedHttpServer.chunked(TestData.bytes(5000, 5), "Content-Length: 10"))) {
      FetchResult.Found found = fetch(server, 1000);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();

      DownloadException e = readExpectingFailure(found, sink);

      assertEquals(1000, assertInstanceOf(LengthLimitExceededException.class, e).limit());
      assertEquals(1000, sink.size());
      assertTrue(found.contentLength().isEmpty());
    }
  }

  @Test
  void closeDelimitedBodyLongerThanCapFails() throws Exception {
    ScriptedHttpServer.Responder noLength =
        (request, out) -> {
          out.write(head("200 OK"));
          out.write(TestData.bytes(5000, 6));
        };
    try (ScriptedHttpServer server = new ScriptedHttpServer(noLength)) {
      DownloadException e = readExpectingFailure(fetch(server, 4999), new ByteArrayOutputStream());

      assertInstanceOf(LengthLimitExceededException.class, e);
    }
  }

  @Test
  void chunkedBodyWithinCapIsRead() throws Exception {
    byte[] body = TestData.bytes(5000, 7);
    try (ScriptedHttpServer server = new ScriptedHttpServer(ScriptedHttpServer.chunked(body))) {
      assertArrayEquals(body, fetch(server, 5000).body().readAllBytes());
    }
  }

  @Test
  void resourceVanishingOnRestartIsAFailureNotNotFound() throws Exception {
    ScriptedHttpServer.Responder gone =
        (request, out) -> out.write(head("404 Not Found", "Content-Length: 0"));
    try (ScriptedHttpServer server = new ScriptedHttpServer(cutAfter(BODY, 0, false), gone)) {
      DownloadException e =
          readExpectingFailure(fetch(server, BODY.length), new ByteArrayOutputStream());

      assertTrue(e.getMessage().contains("HTTP status 404"), e.getMessage());
      assertTrue(e.getMessage().contains("disappeared"), e.getMessage());
    }
  }
}
