package dev.keel.tuf.transport;

import dev.keel.tuf.error.DownloadException;
import java.net.URI;

/**
 * Fetches the bytes behind a URL, as a stream capped at a maximum length.
 *
 * <p>Rules every implementation follows:
 *
 * <ul>
 *   <li>A missing file is {@link FetchResult.NotFound}: a normal outcome, never an exception and
 *       never {@code null}. The client relies on this to end the root rotation loop (TUF 5.3.4).
 *   <li>The stream in {@link FetchResult.Found} never yields more than {@code maxBytes} bytes. If
 *       the body is longer, reading fails once the cap is passed, whatever any length header said.
 *       A body of exactly {@code maxBytes} bytes is fine.
 *   <li>Every failure while reading the stream is thrown as a {@link DownloadIOException} that
 *       carries the {@link DownloadException}; callers get it back with {@link
 *       DownloadIOException#unwrap(java.io.IOException, URI)}.
 *   <li>Callers close the stream (the {@code Found} record is not itself closeable).
 * </ul>
 *
 * <p>Implementations are thread-safe: one instance serves many concurrent fetches.
 */
public interface Transport {

  /**
   * Starts fetching {@code url}.
   *
   * @param maxBytes hard cap on the body length; at least 0
   * @return {@link FetchResult.Found} with an open stream, or {@link FetchResult.NotFound}
   * @throws dev.keel.tuf.error.LengthLimitExceededException if the body is already known to be
   *     longer than {@code maxBytes}
   * @throws dev.keel.tuf.error.HttpStatusException if a server answered with a status that is
   *     neither success nor not-found (after any retries)
   * @throws dev.keel.tuf.error.TransportFailureException if connecting or reading failed (after any
   *     retries), or the URL cannot be handled by this transport
   * @throws DownloadException for any other download failure
   */
  FetchResult fetch(URI url, long maxBytes) throws DownloadException;
}
