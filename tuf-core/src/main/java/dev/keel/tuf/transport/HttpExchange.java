package dev.keel.tuf.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * One HTTP GET whose response head has arrived; the body is still to be read. {@link HttpAttempts}
 * classifies it and {@link HttpBodyStream} reads it, whatever client is underneath.
 */
interface HttpExchange {

  /** The status code of the final response (redirects already followed). */
  int status();

  /** The first value of header {@code name} (any case), or {@code null}. */
  String header(String name);

  /**
   * The body length the response declares ({@code Content-Length}, unless a {@code
   * Transfer-Encoding} overrides it, RFC 9112 section 6.3), or -1. Informational: the body's own
   * framing decides where it ends.
   */
  long contentLength();

  /** The body, framed by the response; reading it to the end frees the connection for reuse. */
  InputStream body() throws IOException;

  /** Drops the connection without reading the rest of the body. Idempotent. */
  void abort();

  /** Opens exchanges: sends {@code GET url} with {@code Range: bytes=from-} when from > 0. */
  @FunctionalInterface
  interface Client {
    HttpExchange open(URI url, long from) throws IOException;
  }
}
