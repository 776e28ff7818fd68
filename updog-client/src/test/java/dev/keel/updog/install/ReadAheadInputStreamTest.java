package dev.keel.updog.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {
  @Test
  void deliversEveryByteInOrder() throws Exception {
    byte[] data = new byte[3_000_001];
    new Random(1).nextBytes(data);
    try (ReadAheadInputStream in =
        new ReadAheadInputStream(new ByteArrayInputStream(data), 65536, 3, "t")) {
      assertArrayEquals(data, in.readAllBytes());
      assertEquals(-1, in.read());
      assertEquals(data.length, in.consumed());
    }
  }

  @Test
  void aFailureArrivesAfterTheBytesBeforeIt() throws Exception {
    IOException boom = new IOException("connection reset");
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream(new byte[100_000]),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw boom;
              }
            });
    try (ReadAheadInputStream in = new ReadAheadInputStream(failing, 4096, 2, "t")) {
      byte[] got = in.readNBytes(100_000);
      assertEquals(100_000, got.length);
      assertSame(boom, assertThrows(IOException.class, in::read));
    }
  }

  @Test
  void closeStopsTheReaderWhileItWaits() throws Exception {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 7;
          }
        };
    ReadAheadInputStream in = new ReadAheadInputStream(endless, 1024, 2, "t");
    assertEquals(7, in.read());
    in.close(); // returns: the reader thread is interrupted while the queue is full
  }
}
