package dev.keel.tuf.transport;

import static dev.keel.tuf.transport.ScriptedHttpServer.head;
import static dev.keel.tuf.transport.ScriptedHttpServer.keptAlive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.error.DownloadException;
import dev.keel.tuf.error.HttpStatusException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plain-HTTP client under {@link HttpTransport} ({@link Http1Client}): keep-alive, framing,
 * redirects and malformed answers, against a server whose bytes the test writes.
 */
class HttpTransportProtocolIT {
  private static final byte[] BODY = TestData.bytes(5_000, 7);

  private final TestData.RecordingSleeper sleeper = new TestData.RecordingSleeper();
  private final HttpTransport transport =
      new HttpTransport(TestData.fastSettings(), ProxySettings.none(), sleeper, Ticker.system());

  @AfterEach
  void closeTransport() {
    transport.close();
  }

  private byte[] get(ScriptedHttpServer server, String path) throws Exception {
    FetchResult.Found found =
        assertInstanceOf(FetchResult.Found.class, transport.fetch(server.uri(path), 1 << 20));
    try (InputStream in = found.body()) {
      return in.readAllBytes();
    }
  }

  private DownloadException failure(ScriptedHttpServer server) {
    return assertThrows(
        DownloadException.class,
        () -> {
          try {
            get(server, "/x");
          } catch (IOException e) {
            throw DownloadIOException.unwrap(e, server.uri("/x"));
          }
        });
  }

  private static ScriptedHttpServer.Responder lengthKeptAlive(byte[] body) {
    return (request, out) -> {
      out.write(keptAlive("200 OK", "Content-Length: " + body.length));
      out.write(body);
    };
  }

  private static ScriptedHttpServer.Responder raw(String response) {
    return (request, out) -> out.write(response.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void reusesAKeptAliveConnectionForTheNextFetch() throws Exception {
    try (ScriptedHttpServer server = ScriptedHttpServer.keepingAlive(lengthKeptAlive(BODY))) {
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(BODY, get(server, "/f" + i));
      }
      assertEquals(1, server.connections());
      assertEquals("GET /f2 HTTP/1.1", server.requests().get(2).line());
    }
  }

  @Test
  void chunkedBodiesWithExtensionsAndTrailersAlsoKeepTheConnection() throws Exception {
    ScriptedHttpServer.Responder chunked =
        raw(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nExpires: never\r\n\r\n");
    try (ScriptedHttpServer server = ScriptedHttpServer.keepingAlive(chunked)) {
      assertEquals("hello world", new String(get(server, "/a"), StandardCharsets.US_ASCII));
      assertEquals("hello world", new String(get(server, "/b"), StandardCharsets.US_ASCII));
      assertEquals(1, server.connections());
    }
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsReplacedWithoutCostingATry() throws Exception {
    // Claims keep-alive, then hangs up after every answer.
    ScriptedHttpServer.Responder hangsUp =
        (request, out) -> {
          lengthKeptAlive(BODY).respond(request, out);
          out.close();
        };
    try (ScriptedHttpServer server = ScriptedHttpServer.keepingAlive(hangsUp)) {
      assertArrayEquals(BODY, get(server, "/a"));
      assertArrayEquals(BODY, get(server, "/b"));
      assertEquals(2, server.connections());
      assertEquals(List.of(), sleeper.sleeps);
    }
  }

  @Test
  void connectionCloseAndHttp10AnswersAreNotReused() throws Exception {
    ScriptedHttpServer.Responder http10 =
        (request, out) -> {
          raw("HTTP/1.0 200 OK\r\n\r\nuntil close").respond(request, out);
          out.close();
        };
    ScriptedHttpServer.Responder close =
        (request, out) -> {
          out.write(head("200 OK", "Content-Length: 2"));
          out.write("ok".getBytes(StandardCharsets.US_ASCII));
        };
    try (ScriptedHttpServer server = ScriptedHttpServer.keepingAlive(http10, close, close)) {
      assertEquals("until close", new String(get(server, "/a"), StandardCharsets.US_ASCII));
      assertEquals("ok", new String(get(server, "/b"), StandardCharsets.US_ASCII));
      assertEquals("ok", new String(get(server, "/c"), StandardCharsets.US_ASCII));
      assertEquals(3, server.connections());
    }
  }

  @Test
  void interimAnswersAreSkipped() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            raw(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"))) {
      assertEquals("abc", new String(get(server, "/x"), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void redirectsToHttpAreFollowedWithTheRange() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            (request, out) ->
                out.write(head("302 Found", "Location: /moved/x", "Content-Length: 0")),
            (request, out) -> {
              out.write(head("200 OK", "Content-Length: " + BODY.length));
              out.write(BODY);
            })) {
      assertArrayEquals(BODY, get(server, "/x"));
      assertEquals("GET /moved/x HTTP/1.1", server.requests().get(1).line());
    }
  }

  @Test
  void endlessRedirectsFail() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            (request, out) ->
                out.write(head("301 Moved", "Location: /again", "Content-Length: 0")))) {
      DownloadException e = failure(server);
      assertInstanceOf(TransportFailureException.class, e);
      assertTrue(e.getMessage().contains("more than 10 redirects"), e.getMessage());
    }
  }

  @Test
  void aRedirectToAnotherSchemeIsAnsweredNotFollowed() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(
            (request, out) ->
                out.write(
                    head(
                        "301 Moved",
                        "Location: https://example.invalid/x",
                        "Content-Length: 0")))) {
      HttpStatusException e = assertInstanceOf(HttpStatusException.class, failure(server));
      assertEquals(301, e.status());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void malformedAnswersFailNamingWhatWasWrong() throws Exception {
    List<String[]> cases =
        List.of(
            new String[] {"HTTP/1.1 2OO OK\r\n\r\n", "malformed status line: HTTP/1.1 2OO OK"},
            new String[] {"SSH-2.0-OpenSSH\r\n\r\n", "malformed status line: SSH-2.0-OpenSSH"},
            new String[] {
              "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
              "conflicting Content-Length"
            },
            new String[] {
              "HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n", "malformed Content-Length: -3"
            },
            new String[] {"HTTP/1.1 200 OK\r\n folded\r\n\r\n", "obsolete header line folding"},
            new String[] {
              "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
              "malformed chunk size: zz"
            },
            new String[] {
              "HTTP/1.1 200 OK\r\nX: " + "a".repeat(70_000) + "\r\n\r\n", "response head is longer"
            });
    for (String[] c : cases) {
      try (ScriptedHttpServer server = new ScriptedHttpServer(raw(c[0]))) {
        DownloadException e = failure(server);
        assertTrue(e.getMessage().startsWith(server.uri("/x").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(c[1]), c[1] + " not in: " + e.getMessage());
      }
    }
  }

  @Test
  void aHeadTricklingInByteByByteFailsWithinTheReadTimeout() throws Exception {
    HttpTransport oneTry =
        new HttpTransport(
            TestData.fastSettings().withTries(1), ProxySettings.none(), sleeper, Ticker.system());
    try (ScriptedHttpServer server = new ScriptedHttpServer(trickleHead())) {
      DownloadException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () ->
                  assertThrows(DownloadException.class, () -> oneTry.fetch(server.uri("/x"), 10)));
      assertTrue(e.getMessage().contains("response head from"), e.getMessage());
      assertTrue(e.getMessage().contains("not complete after 2000 ms"), e.getMessage());
    }
  }

  @Test
  void theHeadDeadlineRunsOnTheInjectedTicker() throws Exception {
    // Every reading of this ticker is a second later: the 2 s head deadline is spent after two
    // waits, while the trickling server has sent only a few of its bytes in real time.
    AtomicLong fakeNanos = new AtomicLong();
    Ticker aSecondPerReading = () -> fakeNanos.addAndGet(1_000_000_000L);
    AtomicInteger sent = new AtomicInteger();
    HttpTransport oneTry =
        new HttpTransport(
            TestData.fastSettings().withTries(1), ProxySettings.none(), sleeper, aSecondPerReading);
    try (ScriptedHttpServer server = new ScriptedHttpServer(trickleHead(sent))) {
      DownloadException e =
          assertThrows(DownloadException.class, () -> oneTry.fetch(server.uri("/x"), 10));
      assertTrue(e.getMessage().contains("not complete after 2000 ms"), e.getMessage());
      assertTrue(
          sent.get() < 10, "failed on the ticker's time, after " + sent.get() + " of 1000 bytes");
    }
  }

  @Test
  void overHttpsTheJdkClientIsHeldToTheSameBoundByAWatchdog() throws Exception {
    // UrlConnectionClient serves https; the watchdog does not depend on TLS, so plain HTTP tests
    // it.
    try (ScriptedHttpServer server = new ScriptedHttpServer(trickleHead());
        UrlConnectionClient client =
            new UrlConnectionClient(TestData.fastSettings(), ProxySettings.none())) {
      IOException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> assertThrows(IOException.class, () -> client.open(server.uri("/x"), 0)));
      assertEquals("response head not complete after 4000 ms", e.getMessage());
    }
  }

  /** A head whose every byte comes well within the 2 s read timeout, but which would take 100 s. */
  private static ScriptedHttpServer.Responder trickleHead() {
    return trickleHead(new AtomicInteger());
  }

  /** The same, counting the trickled bytes in {@code sent}. */
  private static ScriptedHttpServer.Responder trickleHead(AtomicInteger sent) {
    return (request, out) -> {
      out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 1000; i++) {
        out.write('X');
        out.flush();
        sent.incrementAndGet();
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    };
  }

  @Test
  void aBodyShorterThanItsContentLengthWithoutRangesFails() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(raw("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))) {
      DownloadException e = failure(server);
      assertTrue(e.getMessage().contains("does not accept ranges"), e.getMessage());
      assertTrue(
          e.getMessage().contains("7 bytes of the Content-Length body missing"), e.getMessage());
    }
  }

  @Test
  void sendsOriginFormWithHostAndQuery() throws Exception {
    try (ScriptedHttpServer server =
        new ScriptedHttpServer(raw("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
      URI url = URI.create("http://127.0.0.1:" + server.port() + "/a%20b/c.json?x=1");
      FetchResult.Found found = assertInstanceOf(FetchResult.Found.class, transport.fetch(url, 10));
      assertArrayEquals(new byte[0], found.body().readAllBytes());
      assertEquals("GET /a%20b/c.json?x=1 HTTP/1.1", server.requests().get(0).line());
      assertEquals("127.0.0.1:" + server.port(), server.requests().get(0).header("Host"));
    }
  }
}
