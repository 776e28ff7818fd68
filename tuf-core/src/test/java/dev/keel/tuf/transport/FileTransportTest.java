package dev.keel.tuf.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.error.LengthLimitExceededException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTransportTest {
  private final FileTransport transport = new FileTransport();
  @TempDir Path dir;

  @Test
  void readsAnExistingFile() throws Exception {
    byte[] body = TestData.bytes(70_000, 9);
    Path file = Files.write(dir.resolve("1.root.json"), body);

    FetchResult.Found found =
        assertInstanceOf(FetchResult.Found.class, transport.fetch(file.toUri(), body.length));

    assertEquals(OptionalLong.of(body.length), found.contentLength());
    try (InputStream in = found.body()) {
      assertArrayEquals(body, in.readAllBytes());
    }
  }

  @Test
  void missingFileIsNotFound() throws Exception {
    URI url = dir.resolve("2.root.json").toUri();

    assertEquals(new FetchResult.NotFound(url), transport.fetch(url, 1000));
  }

  @Test
  void fileOverCapFailsAtOnce() throws Exception {
    Path file = Files.write(dir.resolve("big"), new byte[1001]);

    LengthLimitExceededException e =
        assertThrows(LengthLimitExceededException.class, () -> transport.fetch(file.toUri(), 1000));

    assertEquals(1000, e.limit());
    assertTrue(e.getMessage().startsWith(file.toUri().toString()), e.getMessage());
  }

  @Test
  void fileGrowingPastCapWhileReadFails() throws Exception {
    Path file = Files.write(dir.resolve("growing"), new byte[1000]);
    FetchResult.Found found =
        assertInstanceOf(FetchResult.Found.class, transport.fetch(file.toUri(), 1000));
    Files.write(file, new byte[500], StandardOpenOption.APPEND);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    IOException e = assertThrows(IOException.class, () -> found.body().transferTo(sink));

    assertInstanceOf(
        LengthLimitExceededException.class, DownloadIOException.unwrap(e, found.url()));
    assertEquals(1000, sink.size());
  }

  @Test
  void rejectsDirectoriesAndOtherSchemes() {
    assertThrows(TransportFailureException.class, () -> transport.fetch(dir.toUri(), 1000));
    assertThrows(
        TransportFailureException.class,
        () -> transport.fetch(URI.create("http://example.invalid/x"), 1000));
  }

  private static String read(FetchResult result) throws IOException {
    try (InputStream in = assertInstanceOf(FetchResult.Found.class, result).body()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsAnEncodedRoleFileNameLiterallyNeverFromOutsideItsFolder() throws Exception {
    Path metadata = Files.createDirectories(dir.resolve("repo/metadata"));
    Files.writeString(dir.resolve("x.json"), "outside");
    URI base = metadata.toUri();
    // The file our writer (and the original's) makes for a delegated role named "../../x".
    URI url = base.resolve("..%2F..%2Fx.json");
    assertEquals(
        new FetchResult.NotFound(url), transport.fetch(url, 1000), "never the file two folders up");
    Files.writeString(metadata.resolve("..%2F..%2Fx.json"), "inside");
    assertEquals("inside", read(transport.fetch(url, 1000)));
  }

  @Test
  void aSegmentWithNoLiteralFileIsDecodedOnlyToOnePlainName() throws Exception {
    Files.writeString(dir.resolve("my file.txt"), "spaced");
    assertEquals("spaced", read(transport.fetch(dir.toUri().resolve("my%20file.txt"), 1000)));
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("a/b"), "nested");
    // %2F never becomes a folder separator, %2E%2E never a parent.
    URI slash = dir.toUri().resolve("a%2Fb");
    assertEquals(new FetchResult.NotFound(slash), transport.fetch(slash, 1000));
    URI up = URI.create(dir.resolve("a").toUri() + "%2E%2E");
    assertEquals(new FetchResult.NotFound(up), transport.fetch(up, 1000));
  }

  @Test
  void refusesDotSegmentsAndHosts() {
    for (String url :
        new String[] {
          "file:///tmp/../etc/passwd",
          "file:///tmp/./x",
          "file:///tmp//x",
          "file://example.com/tmp/x"
        }) {
      assertThrows(
          TransportFailureException.class, () -> transport.fetch(URI.create(url), 1000), url);
    }
  }
}
