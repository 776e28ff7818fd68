package dev.keel.tuf.transport;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.error.DownloadException;
import dev.keel.tuf.error.LengthLimitExceededException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DownloadIOExceptionTest {
  private static final URI URL = URI.create("https://repo/targets/x");

  @Test
  void unwrapsDirectlyAndThroughWrappingStreams() {
    LengthLimitExceededException cause = new LengthLimitExceededException(URL.toString(), 10);
    DownloadIOException carried = new DownloadIOException(cause);

    assertSame(cause, DownloadIOException.unwrap(carried, URL));
    assertSame(
        cause, DownloadIOException.unwrap(new IOException("lz4 frame broken", carried), URL));
  }

  @Test
  void otherIoErrorsBecomeTransportFailuresNamingTheUrl() {
    IOException other = new IOException("stream closed");

    DownloadException e = DownloadIOException.unwrap(other, URL);

    assertInstanceOf(TransportFailureException.class, e);
    assertSame(other, e.getCause());
    assertTrue(e.getMessage().startsWith(URL.toString()), e.getMessage());
  }
}
