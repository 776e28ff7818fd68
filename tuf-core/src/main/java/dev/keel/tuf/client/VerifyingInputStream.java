package dev.keel.tuf.client;

import dev.keel.tuf.error.LengthOrHashMismatchException;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.TargetFile;
import dev.keel.tuf.trust.HashCheck;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Map;

/**
 * A target's bytes, checked as they stream: never more than the signed length, and at end of stream
 * exactly that length with every listed hash matching. Until the end has been read the data is
 * untrusted; a mismatch surfaces as a {@link VerificationIOException} from the final {@code read}.
 */
public final class VerifyingInputStream extends FilterInputStream {
  private final String what;
  private final TargetFile expected;
  private final Map<HashAlgorithm, MessageDigest> digests;
  private long count;
  private boolean verified;

  public VerifyingInputStream(InputStream in, String what, TargetFile expected)
      throws LengthOrHashMismatchException {
    super(in);
    this.what = what;
    this.expected = expected;
    this.digests = HashCheck.digestsFor(what, expected.hashes());
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n < 0) {
      finish();
      return -1;
    }
    count += n;
    if (count > expected.length()) {
      throw new VerificationIOException(
          new LengthOrHashMismatchException(
              what, "longer than the signed length of " + expected.length() + " bytes"));
    }
    for (MessageDigest d : digests.values()) {
      d.update(b, off, n);
    }
    return n;
  }

  private void finish() throws IOException {
    if (verified) {
      return;
    }
    if (count != expected.length()) {
      throw new VerificationIOException(
          new LengthOrHashMismatchException(
              what, "expected " + expected.length() + " bytes, got " + count));
    }
    try {
      HashCheck.verifyDigests(what, expected.hashes(), digests);
    } catch (LengthOrHashMismatchException e) {
      throw new VerificationIOException(e);
    }
    verified = true;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skipping would bypass verification");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Whether the whole stream has been read and matched. */
  public boolean isVerified() {
    return verified;
  }
}
