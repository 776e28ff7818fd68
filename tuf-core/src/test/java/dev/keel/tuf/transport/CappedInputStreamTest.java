package dev.keel.tuf.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.error.LengthLimitExceededException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class CappedInputStreamTest {
  private static final String URL = "https://repo/targets/x";

  @Test
  void passesABodyOfExactlyTheCap() throws IOException {
    byte[] body = TestData.bytes(5000, 1);

    assertArrayEquals(
        body, new CappedInputStream(new ByteArrayInputStream(body), 5000, URL).readAllBytes());
  }

  @Test
  void bulkReadPassesTheCallersBufferThrough() throws IOException {
    byte[] body = TestData.bytes(5000, 1);
    byte[] callers = new byte[1 << 20];
    byte[][] seen = new byte[1][];
    InputStream source =
        new ByteArrayInputStream(body) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            seen[0] = b;
            return super.read(b, off, len);
          }
        };
    InputStream in = new CappedInputStream(source, 5000, URL);

    assertEquals(5000, in.read(callers, 0, callers.length));
    assertSame(callers, seen[0], "no intermediate copy");
  }

  @Test
  void failsOnTheReadThatPassesTheCapAndHandsOutNoExcess() throws IOException {
    InputStream in =
        new CappedInputStream(new ByteArrayInputStream(TestData.bytes(5001, 1)), 5000, URL);
    byte[] buffer = new byte[8192];

    assertEquals(5000, in.read(buffer, 0, 4000) + in.read(buffer, 0, 1000));
    DownloadIOException e = assertThrows(DownloadIOException.class, () -> in.read(buffer, 0, 8192));
    LengthLimitExceededException cause =
        assertInstanceOf(LengthLimitExceededException.class, e.download());
    assertEquals(5000, cause.limit());
    assertTrue(cause.getMessage().startsWith(URL), cause.getMessage());
    assertSame(e, assertThrows(DownloadIOException.class, in::read), "failure is sticky");
  }

  @Test
  void aReadThatOverrunsHandsOutTheBytesUpToTheCapThenTheNextReadFails() throws IOException {
    InputStream in =
        new CappedInputStream(new ByteArrayInputStream(TestData.bytes(9000, 1)), 5000, URL);
    byte[] buffer = new byte[8192];

    assertEquals(5000, in.read(buffer, 0, 8192));
    DownloadIOException e = assertThrows(DownloadIOException.class, () -> in.read(buffer, 0, 8192));
    assertInstanceOf(LengthLimitExceededException.class, e.download());
  }

  @Test
  void singleByteReadsAreCappedToo() throws IOException {
    InputStream in = new CappedInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3}), 2, URL);

    assertEquals(1, in.read());
    assertEquals(2, in.read());
    assertThrows(DownloadIOException.class, in::read);
  }

  @Test
  void zeroCapAcceptsOnlyAnEmptyBody() throws IOException {
    assertEquals(-1, new CappedInputStream(new ByteArrayInputStream(new byte[0]), 0, URL).read());
    assertThrows(
        DownloadIOException.class,
        () -> new CappedInputStream(new ByteArrayInputStream(new byte[1]), 0, URL).read());
  }

  @Test
  void plainIoErrorsBecomeTransportFailures() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }
        };

    DownloadIOException e =
        assertThrows(
            DownloadIOException.class, () -> new CappedInputStream(broken, 10, URL).read());

    assertInstanceOf(TransportFailureException.class, e.download());
    assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
  }
}
