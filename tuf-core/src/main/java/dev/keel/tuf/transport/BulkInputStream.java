package dev.keel.tuf.transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * An {@link InputStream} whose single-byte {@link #read()} is its bulk read of one byte, so each
 * stream states its rules (caps, resumes, framing) in one place: {@link #read(byte[], int, int)}.
 */
abstract class BulkInputStream extends InputStream {
  private final byte[] single = new byte[1];

  @Override
  public final int read() throws IOException {
    int n = read(single, 0, 1);
    return n < 0 ? -1 : single[0] & 0xff;
  }

  @Override
  public abstract int read(byte[] b, int off, int len) throws IOException;
}
