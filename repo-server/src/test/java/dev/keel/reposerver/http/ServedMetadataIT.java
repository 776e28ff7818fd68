package dev.keel.reposerver.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.reposerver.ServerFixture;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Metadata served from memory by a real server on loopback, against the files on disk. */
@ExtendWith(VertxExtension.class)
class ServedMetadataIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String V = "aws-dev";
  static final String A = "x86_64";

  @TempDir Path dir;
  ServerFixture server;
  Path metadataDir;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = new ServerFixture(vertx, dir, Clock.systemUTC(), 64 * 1024);
    assertEquals(201, server.publish(V, A, server.releaseBody(V, A, "1.0.0", "")).statusCode());
    metadataDir = dir.resolve("metadata").resolve(V).resolve(A);
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return server.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String metadata(String file) {
    return "/metadata/" + V + "/" + A + "/" + file;
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name));
  }

  @Test
  void everyFileIsServedByteForByteWithItsValidators() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(metadataDir)) {
      files = s.toList();
    }
    assertTrue(files.size() >= 4, files.toString());
    for (Path file : files) {
      String name = file.getFileName().toString();
      HttpResponse<byte[]> r = get(metadata(name));
      assertEquals(200, r.statusCode(), name);
      assertArrayEquals(Files.readAllBytes(file), r.body(), name);
      long mtime = Files.getLastModifiedTime(file).toMillis();
      String etag =
          "\"" + Long.toHexString(Files.size(file)) + "-" + Long.toHexString(mtime) + "\"";
      assertEquals(etag, header(r, "ETag"), name);
      String lastModified = HttpDate.format(Instant.ofEpochMilli(mtime));
      assertEquals(lastModified, header(r, "Last-Modified"), name);
      assertEquals(
          FileRoutes.metadataPolicy(name).encoded().toString(), header(r, "Cache-Control"), name);
      assertEquals("application/json", header(r, "Content-Type"));
      assertEquals("bytes", header(r, "Accept-Ranges"));
      assertTrue(header(r, "Date").endsWith(" GMT"));
      assertEquals(304, get(metadata(name), "If-None-Match", etag).statusCode(), name);
      assertEquals(304, get(metadata(name), "If-Modified-Since", lastModified).statusCode());
      assertEquals(412, get(metadata(name), "If-Match", "\"other\"").statusCode(), name);
      HttpResponse<byte[]> part = get(metadata(name), "Range", "bytes=1-4");
      assertEquals(206, part.statusCode());
      assertArrayEquals(
          java.util.Arrays.copyOfRange(Files.readAllBytes(file), 1, 5), part.body(), name);
      HttpResponse<String> head =
          server.send("HEAD", metadata(name), null, HttpRequest.BodyPublishers.noBody());
      assertEquals(String.valueOf(Files.size(file)), header(head, "Content-Length"));
    }
    HttpResponse<byte[]> next = get(metadata("2.root.json"));
    assertEquals(404, next.statusCode());
    assertEquals("public, max-age=10", header(next, "Cache-Control"));
    assertEquals(404, get("/metadata/other/" + A + "/timestamp.json").statusCode());
  }

  @Test
  void aCommitIsServedWholeAndAtOnce() throws Exception {
    // Readers follow timestamp -> the snapshot it names, as a host does, while the repository is
    // re-signed again and again: the snapshot must always be there.
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger followed = new AtomicInteger();
    Thread[] readers = new Thread[2];
    for (int i = 0; i < readers.length; i++) {
      readers[i] =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    HttpResponse<byte[]> ts = get(metadata("timestamp.json"));
                    long version =
                        JSON.readTree(ts.body()).at("/signed/meta/snapshot.json/version").asLong();
                    int status = get(metadata(version + ".snapshot.json")).statusCode();
                    if (ts.statusCode() != 200 || status != 200) {
                      failures.add(ts.statusCode() + " then " + status + " for " + version);
                    }
                    followed.incrementAndGet();
                  } catch (Exception e) {
                    failures.add(e.toString());
                  }
                }
              });
      readers[i].start();
    }
    String refresh = "/api/v1/repos/" + V + "/" + A + "/refresh";
    try {
      for (int i = 0; i < 6; i++) {
        HttpResponse<String> r =
            i % 2 == 0
                ? server.send(
                    "POST",
                    refresh,
                    ServerFixture.ADMIN_TOKEN,
                    HttpRequest.BodyPublishers.ofString("{}"))
                : server.publish(V, A, server.releaseBody(V, A, "1.0." + (i + 1), ""));
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        // The very next request after the commit gets the new bytes.
        assertArrayEquals(
            Files.readAllBytes(metadataDir.resolve("timestamp.json")),
            get(metadata("timestamp.json")).body(),
            "timestamp.json after change " + i);
      }
    } finally {
      stop.set(true);
      for (Thread t : readers) {
        t.join();
      }
    }
    assertEquals(List.of(), List.copyOf(failures));
    assertTrue(followed.get() > 10, "readers followed " + followed.get() + " timestamps");
  }

  @Test
  void filesChangedOnDiskByOtherToolsAreServedSoonAfter() throws Exception {
    // Replaced by rename, as every writer here does.
    byte[] edited = "{\"replaced\":true}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Path tmp = metadataDir.resolve(".timestamp.json.tmp");
    Files.write(tmp, edited);
    Files.move(
        tmp,
        metadataDir.resolve("timestamp.json"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    eventually(() -> java.util.Arrays.equals(edited, body(metadata("timestamp.json"))));
    // Added, and deleted.
    Files.writeString(metadataDir.resolve("2.root.json"), "{\"two\":2}");
    eventually(() -> status(metadata("2.root.json")) == 200);
    Files.delete(metadataDir.resolve("2.root.json"));
    eventually(() -> status(metadata("2.root.json")) == 404);
    // A whole new repository, copied in.
    Path copy = dir.resolve("metadata").resolve("aws-copy").resolve(A);
    Files.createDirectories(copy.getParent());
    Path staged = dir.resolve("metadata").resolve(".staged");
    Files.createDirectories(staged);
    try (Stream<Path> s = Files.list(metadataDir)) {
      for (Path p : s.toList()) {
        Files.copy(p, staged.resolve(p.getFileName()));
      }
    }
    Files.move(staged, copy, StandardCopyOption.ATOMIC_MOVE);
    eventually(() -> status("/metadata/aws-copy/" + A + "/1.root.json") == 200);
  }

  @Test
  void theShortCutAnswersAsTheRouterDoes() throws Exception {
    HttpResponse<String> put =
        server.send("PUT", metadata("timestamp.json"), null, HttpRequest.BodyPublishers.noBody());
    assertEquals(405, put.statusCode());
    assertEquals("GET, HEAD", header(put, "Allow"));
    String ts = metadata("timestamp.json");
    assertTrue(
        server
            .raw("GET " + ts + " HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n")
            .startsWith("HTTP/1.1 400"));
    assertTrue(server.raw("GET " + ts + " HTTP/1.0\r\n\r\n").startsWith("HTTP/1.0 200"));
    for (String refused :
        List.of(
            "/metadata/" + V + "/%2e%2e/timestamp.json",
            "/metadata/" + V + "/" + A + "/.timestamp.json",
            "/metadata/" + V + "//timestamp.json")) {
      assertEquals(400, server.rawStatus(refused), refused);
    }
    // Percent-encoding is decoded as the router does: the same file.
    assertEquals(200, server.rawStatus("/metadata/" + V + "/" + A + "/timestamp%2Ejson"));
    assertEquals(404, server.rawStatus("/metadata/" + V + "/" + A + "/x/timestamp.json"));
  }

  byte[] body(String path) {
    try {
      return get(path).body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  int status(String path) {
    try {
      return get(path).statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
