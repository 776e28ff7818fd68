package dev.keel.reposerver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.reposerver.http.ApiToken;
import dev.keel.reposerver.http.Scope;
import dev.keel.reposerver.store.DevRepository;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A running server on a random loopback port with a publish token and an admin token. */
public final class ServerFixture {
  public static final String PUBLISH_TOKEN = "publish-token-123";
  public static final String ADMIN_TOKEN = "admin-token-456";
  public static final String METRICS_TOKEN = "metrics-token-789";
  static final ObjectMapper JSON = new ObjectMapper();

  public final Path dir;
  public final RepoServerVerticle verticle;
  public final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  public final String base;

  public ServerFixture(Vertx vertx, Path dir, Clock clock, long uploadLimit) throws Exception {
    this(vertx, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), dir, clock, uploadLimit);
  }

  /**
   * A server whose meters go to {@code registry} (with {@link RepoServer#newVertx}: Vert.x's too).
   */
  public ServerFixture(
      Vertx vertx, PrometheusMeterRegistry registry, Path dir, Clock clock, long uploadLimit)
      throws Exception {
    this(vertx, registry, dir, clock, c -> c.withUploadLimit(uploadLimit));
  }

  /** A server whose configuration {@code adjust} changes. */
  public ServerFixture(
      Vertx vertx,
      PrometheusMeterRegistry registry,
      Path dir,
      Clock clock,
      UnaryOperator<ServerConfig> adjust)
      throws Exception {
    this.dir = dir;
    DevRepository.initialise(dir, clock.instant());
    ServerConfig config =
        ServerConfig.development(
                dir,
                0,
                List.of(
                    new ApiToken("ci", DevTokens.sha256(PUBLISH_TOKEN), Set.of(Scope.PUBLISH)),
                    new ApiToken("ops", DevTokens.sha256(ADMIN_TOKEN), Set.of(Scope.ADMIN)),
                    new ApiToken(
                        "prometheus", DevTokens.sha256(METRICS_TOKEN), Set.of(Scope.METRICS))))
            .withAccessLog(false);
    config = adjust.apply(config);
    this.verticle =
        RepoServer.start(vertx, registry, config, clock)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    this.base = "http://127.0.0.1:" + verticle.actualPort();
  }

  public byte[] root() throws Exception {
    return Files.readAllBytes(dir.resolve("root.json"));
  }

  public URI metadataUri(String variant, String arch) {
    return URI.create(base + "/metadata/" + variant + "/" + arch + "/");
  }

  public URI targetsUri() {
    return URI.create(base + "/targets/");
  }

  public HttpResponse<String> send(
      String method, String path, String token, HttpRequest.BodyPublisher body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public JsonNode upload(byte[] content) throws Exception {
    HttpResponse<String> r =
        send(
            "PUT",
            "/api/v1/uploads",
            PUBLISH_TOKEN,
            HttpRequest.BodyPublishers.ofByteArray(content));
    if (r.statusCode() != 201) {
      throw new AssertionError("upload: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** A publish request body for {@code version} with three fresh uploads. */
  public String releaseBody(String variant, String arch, String version, String extra)
      throws Exception {
    return releaseBody(
        variant,
        arch,
        version,
        extra,
        kind -> (kind + " image of " + version).getBytes(StandardCharsets.UTF_8));
  }

  /** A publish request body for {@code version} with three uploads of {@code content(kind)}. */
  public String releaseBody(
      String variant,
      String arch,
      String version,
      String extra,
      java.util.function.Function<String, byte[]> content)
      throws Exception {
    String prefix = "bottlerocket-" + variant + "-" + arch + "-" + version;
    StringBuilder images = new StringBuilder();
    for (String[] kind :
        new String[][] {
          {"boot", "-boot.ext4.lz4"}, {"root", "-root.ext4.lz4"}, {"hash", "-root.verity.lz4"}
        }) {
      JsonNode u = upload(content.apply(kind[0]));
      if (images.length() > 0) {
        images.append(',');
      }
      images
          .append('"')
          .append(kind[0])
          .append("\":{\"name\":\"")
          .append(prefix)
          .append(kind[1])
          .append("\",\"sha256\":\"")
          .append(u.get("sha256").asText())
          .append("\"}");
    }
    return "{\"version\":\"" + version + "\",\"images\":{" + images + "}" + extra + "}";
  }

  public HttpResponse<String> publish(String variant, String arch, String body) throws Exception {
    return send(
        "POST",
        "/api/v1/repos/" + variant + "/" + arch + "/releases",
        PUBLISH_TOKEN,
        HttpRequest.BodyPublishers.ofString(body));
  }

  /** Sends a raw request line (no normalisation by a client library) and returns the status. */
  public int rawStatus(String requestTarget) throws Exception {
    try (Socket s = new Socket("127.0.0.1", verticle.actualPort())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  /**
   * Sends {@code request} as raw bytes (ISO-8859-1) and reads until the server closes the
   * connection.
   */
  public String raw(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", verticle.actualPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Sends {@code request} as raw bytes and reads the response head, up to its blank line. */
  public String rawHead(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", verticle.actualPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      StringBuilder head = new StringBuilder();
      InputStream in = s.getInputStream();
      for (int c; !head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0; ) {
        head.append((char) c);
      }
      return head.toString();
    }
  }

  /**
   * Sends a request with {@code Expect: 100-continue} and its body only if the server says {@code
   * 100 Continue}; returns every status the server answered with, in order.
   */
  public List<Integer> expectContinue(String method, String path, String token, byte[] body)
      throws Exception {
    try (Socket s = new Socket("127.0.0.1", verticle.actualPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          (method
                  + " "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                  + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                  + "Content-Length: "
                  + body.length
                  + "\r\nExpect: 100-continue\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      List<Integer> statuses = new ArrayList<>();
      statuses.add(readHead(in));
      if (statuses.get(0) == 100) {
        out.write(body);
        out.flush();
        statuses.add(readHead(in));
      }
      return statuses;
    }
  }

  /** Reads a response head up to its blank line and returns the status. */
  private static int readHead(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("connection closed in a response head: " + head);
      }
      head.append((char) c);
    }
    return Integer.parseInt(head.substring(9, 12));
  }
}
