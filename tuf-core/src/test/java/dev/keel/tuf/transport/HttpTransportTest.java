package dev.keel.tuf.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.keel.tuf.error.HttpStatusException;
import dev.keel.tuf.error.LengthLimitExceededException;
import dev.keel.tuf.error.SlowRetrievalException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HttpTransport} against WireMock on loopback: statuses, retries, faults, caps, rate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpTransportTest {
  private static final String PATH = "/metadata/1.root.json";

  private final WireMockServer server =
      new WireMockServer(
          options()
              .dynamicPort()
              .bindAddress("127.0.0.1")
              .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER));
  private TestData.RecordingSleeper sleeper;
  private HttpTransport transport;

  @BeforeAll
  void start() {
    server.start();
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    sleeper = new TestData.RecordingSleeper();
    transport = transport(TestData.fastSettings());
  }

  private HttpTransport transport(HttpSettings settings) {
    return new HttpTransport(settings, ProxySettings.none(), sleeper, Ticker.system());
  }

  private URI url() {
    return URI.create(server.baseUrl() + PATH);
  }

  private static byte[] readAll(FetchResult result) throws IOException {
    FetchResult.Found found = assertInstanceOf(FetchResult.Found.class, result);
    try (InputStream in = found.body()) {
      return in.readAllBytes();
    }
  }

  @Test
  void returnsBodyLengthAndSendsUserAgent() throws Exception {
    byte[] body = TestData.bytes(300_000, 1);
    server.stubFor(get(PATH).willReturn(aResponse().withStatus(200).withBody(body)));

    FetchResult result = transport.fetch(url(), body.length);

    assertEquals(OptionalLong.of(body.length), ((FetchResult.Found) result).contentLength());
    assertArrayEquals(body, readAll(result));
    server.verify(
        getRequestedFor(urlEqualTo(PATH)).withHeader("User-Agent", matching("keel-tuf/\\d.*")));
    assertEquals(List.of(), sleeper.sleeps);
  }

  @ParameterizedTest
  @ValueSource(ints = {403, 404, 410})
  void notFoundStatusesAreNotFound(int status) throws Exception {
    server.stubFor(get(PATH).willReturn(aResponse().withStatus(status)));

    assertEquals(new FetchResult.NotFound(url()), transport.fetch(url(), 1000));
    server.verify(1, getRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void otherClientErrorIsFatalAndNotRetried() {
    server.stubFor(get(PATH).willReturn(aResponse().withStatus(400)));

    HttpStatusException e =
        assertThrows(HttpStatusException.class, () -> transport.fetch(url(), 1000));

    assertEquals(400, e.status());
    assertTrue(e.getMessage().startsWith(url().toString()), e.getMessage());
    server.verify(1, getRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void serverErrorThenSuccessIsRetried() throws Exception {
    server.stubFor(
        get(PATH)
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    server.stubFor(
        get(PATH)
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(200).withBody("{}")));

    assertArrayEquals("{}".getBytes(), readAll(transport.fetch(url(), 1000)));
    assertEquals(List.of(Duration.ofMillis(100)), sleeper.sleeps);
  }

  @Test
  void serverErrorForeverGivesUpAfterFourTriesWithBackoff() {
    server.stubFor(get(PATH).willReturn(aResponse().withStatus(503)));

    HttpStatusException e =
        assertThrows(HttpStatusException.class, () -> transport.fetch(url(), 1000));

    assertEquals(503, e.status());
    assertTrue(e.getMessage().contains("gave up after 4 tries"), e.getMessage());
    server.verify(4, getRequestedFor(urlEqualTo(PATH)));
    assertEquals(
        List.of(Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(225)),
        sleeper.sleeps);
  }

  @Test
  void connectionResetThenSuccessIsRetried() throws Exception {
    server.stubFor(
        get(PATH)
            .inScenario("reset")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("ok"));
    server.stubFor(
        get(PATH)
            .inScenario("reset")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody("ok")));

    assertArrayEquals("ok".getBytes(), readAll(transport.fetch(url(), 1000)));
  }

  @Test
  void bodyCutInTheMiddleResumesWithRange() throws Exception {
    byte[] body = TestData.bytes(200_000, 3);
    // Announces the whole length, sends 80,000 bytes; Jetty then drops the connection.
    server.stubFor(
        get(PATH)
            .withHeader("Range", absent())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Length", String.valueOf(body.length))
                    .withHeader("Accept-Ranges", "bytes")
                    .withBody(Arrays.copyOf(body, 80_000))));
    server.stubFor(
        get(PATH)
            .withHeader("Range", equalTo("bytes=80000-"))
            .willReturn(
                aResponse()
                    .withStatus(206)
                    .withHeader("Content-Range", "bytes 80000-199999/200000")
                    .withHeader("Accept-Ranges", "bytes")
                    .withBody(Arrays.copyOfRange(body, 80_000, body.length))));

    assertArrayEquals(body, readAll(transport.fetch(url(), body.length)));
    server.verify(2, getRequestedFor(urlEqualTo(PATH)));
    server.verify(
        1, getRequestedFor(urlEqualTo(PATH)).withHeader("Range", equalTo("bytes=80000-")));
  }

  @Test
  void readTimeoutThenSuccessIsRetried() throws Exception {
    server.stubFor(
        get(PATH)
            .inScenario("slow")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(200).withBody("late").withFixedDelay(1_000))
            .willSetStateTo("fast"));
    server.stubFor(
        get(PATH)
            .inScenario("slow")
            .whenScenarioStateIs("fast")
            .willReturn(aResponse().withStatus(200).withBody("fast")));
    HttpTransport impatient =
        transport(
            TestData.fastSettings().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200)));

    assertArrayEquals("fast".getBytes(), readAll(impatient.fetch(url(), 1000)));
    assertEquals(1, sleeper.sleeps.size());
  }

  @Test
  void connectionRefusedGivesUpWithTransportFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI dead = URI.create("http://127.0.0.1:" + port + PATH);

    TransportFailureException e =
        assertThrows(TransportFailureException.class, () -> transport.fetch(dead, 1000));

    assertTrue(e.getMessage().startsWith(dead.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("gave up after 4 tries"), e.getMessage());
    assertInstanceOf(ConnectException.class, e.getCause());
    assertEquals(3, sleeper.sleeps.size());
  }

  @Test
  void honestContentLengthOverCapFailsAtOnce() {
    server.stubFor(
        get(PATH).willReturn(aResponse().withStatus(200).withBody(TestData.bytes(2000, 2))));

    LengthLimitExceededException e =
        assertThrows(LengthLimitExceededException.class, () -> transport.fetch(url(), 1999));

    assertEquals(1999, e.limit());
    assertTrue(e.getMessage().contains("Content-Length is 2000"), e.getMessage());
  }

  @Test
  void bodyExactlyAtCapIsFine() throws Exception {
    byte[] body = TestData.bytes(2000, 3);
    server.stubFor(get(PATH).willReturn(aResponse().withStatus(200).withBody(body)));

    assertArrayEquals(body, readAll(transport.fetch(url(), 2000)));
  }

  @Test
  void slowBodyFailsWithSlowRetrieval() throws Exception {
    // 4000 bytes in 40 chunks over 4 s: about 1000 B/s, against a minimum of 50 kB/s.
    server.stubFor(
        get(PATH)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(TestData.bytes(4000, 4))
                    .withChunkedDribbleDelay(40, 4_000)));
    HttpTransport strict =
        transport(
            TestData.fastSettings()
                .withMinimumRate(
                    new MinimumRate(50_000, Duration.ofMillis(200), Duration.ofMillis(100))));
    FetchResult.Found found =
        assertInstanceOf(FetchResult.Found.class, strict.fetch(url(), 10_000));

    long started = System.nanoTime();
    IOException e = assertThrows(IOException.class, () -> found.body().readAllBytes());
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    SlowRetrievalException slow =
        assertInstanceOf(SlowRetrievalException.class, DownloadIOException.unwrap(e, found.url()));
    assertTrue(slow.bytesPerSecond() < 50_000, slow.getMessage());
    assertTrue(slow.getMessage().startsWith(url().toString()), slow.getMessage());
    assertTrue(elapsedMillis < 2_000, "took " + elapsedMillis + " ms");
  }
}
