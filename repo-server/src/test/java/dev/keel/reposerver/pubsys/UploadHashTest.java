package dev.keel.reposerver.pubsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.keel.tuf.model.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pubsys checks the SHA-256 the server says it stored against the bytes it sent (issue 13, item
 * 10). The server is a real HTTP server on loopback that stores what it receives and answers with
 * the hash of those bytes, or, to stand for a corrupting proxy or server, with another hash.
 */
class UploadHashTest {
  @TempDir Path dir;
  private HttpServer server;
  private final AtomicReference<UnaryOperator<String>> answer =
      new AtomicReference<>(UnaryOperator.identity());

  private ServerClient client() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/uploads",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String sha =
              answer
                  .get()
                  .apply(HexFormat.of().formatHex(HashAlgorithm.SHA256.newDigest().digest(body)));
          byte[] reply =
              ("{\"sha256\": \"" + sha + "\", \"length\": " + body.length + "}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(201, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.start();
    return new ServerClient(
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "token",
        new PrintStream(new ByteArrayOutputStream()),
        false);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void theServersHashIsTheHashOfTheBytesSent() throws Exception {
    Path image = Files.write(dir.resolve("boot.ext4.lz4"), new byte[3 << 20]);
    String expected =
        HexFormat.of()
            .formatHex(HashAlgorithm.SHA256.newDigest().digest(Files.readAllBytes(image)));
    assertEquals(expected, client().upload(image).get("sha256").asText());
  }

  @Test
  void aDifferentHashFromTheServerStopsThePublish() throws Exception {
    Path image = Files.writeString(dir.resolve("root.ext4.lz4"), "root image");
    answer.set(sha -> "0".repeat(64));
    ServerClient client = client();
    IOException e = assertThrows(IOException.class, () -> client.upload(image));
    assertTrue(
        e.getMessage().contains("0".repeat(64)) && e.getMessage().contains("not publishing"),
        e.getMessage());
  }
}
