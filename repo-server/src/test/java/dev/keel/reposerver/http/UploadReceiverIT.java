package dev.keel.reposerver.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.reposerver.ServerFixture;
import dev.keel.tuf.model.HashAlgorithm;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upload bodies around and over the receiver's block size ({@link UploadReceiver#BLOCK}), sent in
 * uneven pieces over a raw socket or with a Content-Length: the stored upload is exactly the bytes
 * sent, named by their SHA-256, and a body that goes over the limit or stops half way leaves
 * nothing behind.
 */
@ExtendWith(VertxExtension.class)
class UploadReceiverIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int BLOCK = UploadReceiver.BLOCK;
  static final long LIMIT = 4L * BLOCK;

  @TempDir Path dir;
  ServerFixture server;
  int port;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = new ServerFixture(vertx, dir, Clock.systemUTC(), LIMIT);
    port = URI.create(server.base).getPort();
  }

  @Test
  void bodiesOfManyUnevenPiecesAreStoredExactly() throws Exception {
    Random random = new Random(10);
    for (int size : List.of(0, 1, BLOCK - 1, BLOCK, 2 * BLOCK, 3 * BLOCK + 12_345, (int) LIMIT)) {
      byte[] content = new byte[size];
      random.nextBytes(content);
      Response r = sendChunked(content, random, content.length);
      assertEquals(201, r.status(), size + " bytes: " + r.body());
      JsonNode upload = JSON.readTree(r.body());
      String sha256 = HashAlgorithm.SHA256.hex(content);
      assertEquals(sha256, upload.get("sha256").asText(), size + " bytes");
      assertEquals(size, upload.get("length").asLong());
      assertArrayEquals(content, Files.readAllBytes(dir.resolve("uploads").resolve(sha256)));
    }
    assertEquals(0, count(dir.resolve("staging")));
  }

  @Test
  void bodiesWithAContentLengthAreStoredExactly() throws Exception {
    Random random = new Random(15);
    for (int size : List.of(1, 1000, BLOCK - 1, BLOCK + 1, 2 * BLOCK + 5)) {
      byte[] content = new byte[size];
      random.nextBytes(content);
      String sha256 = server.upload(content).get("sha256").asText();
      assertEquals(HashAlgorithm.SHA256.hex(content), sha256, size + " bytes");
      assertArrayEquals(content, Files.readAllBytes(dir.resolve("uploads").resolve(sha256)));
    }
  }

  @Test
  void aBodyOverTheLimitWithoutContentLengthIsRefusedAndNothingIsKept() throws Exception {
    byte[] content = new byte[(int) LIMIT + 1];
    new Random(11).nextBytes(content);
    Response r = sendChunked(content, new Random(12), content.length);
    assertEquals(413, r.status(), r.body());
    assertTrue(r.body().contains("limit"), r.body());
    awaitEmpty(dir.resolve("staging"));
    assertEquals(0, count(dir.resolve("uploads")));
  }

  @Test
  void aClientThatStopsHalfWayLeavesNothingBehind() throws Exception {
    byte[] content = new byte[3 * BLOCK];
    new Random(13).nextBytes(content);
    Response r = sendChunked(content, new Random(14), 2 * BLOCK + 77); // then closes
    assertEquals(-1, r.status());
    awaitEmpty(dir.resolve("staging"));
    assertEquals(0, count(dir.resolve("uploads")));
  }

  record Response(int status, String body) {}

  /**
   * PUTs the first {@code send} bytes of {@code content} with chunked transfer encoding, in pieces
   * of 1 byte to 200 KiB; if that is all of it, ends the body and reads the response, else waits
   * until the server has staged most of what was sent and closes the connection (status -1).
   */
  private Response sendChunked(byte[] content, Random random, int send) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("PUT /api/v1/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + ServerFixture.PUBLISH_TOKEN
                  + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      try {
        for (int at = 0; at < send; ) {
          int n = Math.min(send - at, 1 + random.nextInt(random.nextBoolean() ? 100 : 200 << 10));
          out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(content, at, n);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          at += n;
        }
        if (send < content.length) {
          out.flush();
          awaitStaged(send - BLOCK); // the server has written whole blocks to its staging file
          return new Response(-1, "");
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (SocketException e) {
        // The server may answer and close before the whole body is sent: read what it said.
      }
      return read(s.getInputStream());
    }
  }

  private static Response read(InputStream in) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int status = Integer.parseInt(text.substring(9, 12));
    return new Response(status, text.substring(text.indexOf("\r\n\r\n") + 4));
  }

  private static long count(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.count();
    }
  }

  private void awaitStaged(long bytes) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (Files.isDirectory(dir.resolve("staging"))) {
        try (Stream<Path> s = Files.list(dir.resolve("staging"))) {
          if (s.anyMatch(p -> p.toFile().length() >= bytes)) {
            return;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the server did not stage " + bytes + " bytes");
  }

  /**
   * The staging folder, which exists once an upload was opened, is empty: a staged file is deleted
   * on a worker after the response, so wait for it, up to 10 s.
   */
  private static void awaitEmpty(Path folder) throws Exception {
    for (int i = 0; i < 200 && !(Files.isDirectory(folder) && count(folder) == 0); i++) {
      Thread.sleep(50);
    }
    assertTrue(Files.isDirectory(folder), "no upload was staged");
    assertEquals(0, count(folder), folder + " still holds a staged upload");
  }
}
