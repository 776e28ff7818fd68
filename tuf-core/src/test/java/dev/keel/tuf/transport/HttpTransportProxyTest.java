package dev.keel.tuf.transport;

import static dev.keel.tuf.transport.ScriptedHttpServer.head;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.error.TransportFailureException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests really go through the proxy from the environment, and NO_PROXY really bypasses it. */
class HttpTransportProxyTest {
  private final TestData.RecordingSleeper sleeper = new TestData.RecordingSleeper();

  private HttpTransport transport(Map<String, String> env) {
    return new HttpTransport(
        TestData.fastSettings(), ProxySettings.fromEnvironment(env), sleeper, Ticker.system());
  }

  @Test
  void plainHttpGoesThroughTheProxyWithAnAbsoluteUri() throws Exception {
    byte[] body = "{\"signed\":{}}".getBytes(StandardCharsets.UTF_8);
    try (ScriptedHttpServer proxy =
        new ScriptedHttpServer(
            (request, out) -> {
              out.write(head("200 OK", "Content-Length: " + body.length));
              out.write(body);
            })) {
      HttpTransport transport = transport(Map.of("HTTP_PROXY", "127.0.0.1:" + proxy.port()));
      URI url = URI.create("http://updates.example.invalid/metadata/timestamp.json");

      FetchResult.Found found =
          assertInstanceOf(FetchResult.Found.class, transport.fetch(url, 1000));

      assertArrayEquals(body, found.body().readAllBytes());
      assertEquals(
          "GET http://updates.example.invalid/metadata/timestamp.json HTTP/1.1",
          proxy.requests().get(0).line());
    }
  }

  @Test
  void httpsTunnelsThroughTheProxyWithConnect() throws Exception {
    try (ScriptedHttpServer proxy =
        new ScriptedHttpServer(
            (request, out) -> out.write(head("403 Forbidden", "Content-Length: 0")))) {
      HttpTransport transport =
          transport(Map.of("https_proxy", "http://127.0.0.1:" + proxy.port()));
      URI url = URI.create("https://updates.example.invalid/metadata/timestamp.json");

      TransportFailureException e =
          assertThrows(TransportFailureException.class, () -> transport.fetch(url, 1000));

      assertEquals("CONNECT updates.example.invalid:443 HTTP/1.1", proxy.requests().get(0).line());
      assertTrue(e.getMessage().startsWith(url.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("403"), e.getMessage());
    }
  }

  @Test
  void noProxyBypassesTheProxy() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    try (ScriptedHttpServer origin =
        new ScriptedHttpServer(
            (request, out) -> {
              out.write(head("200 OK", "Content-Length: 2"));
              out.write("ok".getBytes(StandardCharsets.US_ASCII));
            })) {
      HttpTransport transport =
          transport(
              Map.of("http_proxy", "127.0.0.1:" + deadPort, "no_proxy", "localhost,127.0.0.1"));

      FetchResult.Found found =
          assertInstanceOf(FetchResult.Found.class, transport.fetch(origin.uri("/x"), 10));

      assertArrayEquals("ok".getBytes(StandardCharsets.US_ASCII), found.body().readAllBytes());
      assertEquals("GET /x HTTP/1.1", origin.requests().get(0).line());
    }
  }
}
