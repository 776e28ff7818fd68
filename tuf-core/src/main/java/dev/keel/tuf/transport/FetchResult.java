package dev.keel.tuf.transport;

import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
import java.util.OptionalLong;

/** What a {@link Transport} found at a URL: a body to read, or nothing. */
public sealed interface FetchResult permits FetchResult.Found, FetchResult.NotFound {

  /** The URL that was fetched. */
  URI url();

  /**
   * The resource exists.
   *
   * @param body the capped body; the caller reads and closes it. Read failures surface as {@link
   *     DownloadIOException}.
   * @param contentLength the length the server or file system announced, if any. Informational
   *     only: the cap is enforced by counting bytes, never by trusting this value.
   */
  record Found(URI url, InputStream body, OptionalLong contentLength) implements FetchResult {
    public Found {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(contentLength, "contentLength");
    }
  }

  /** The resource does not exist (HTTP 403, 404 or 410, or a missing file). */
  record NotFound(URI url) implements FetchResult {
    public NotFound {
      Objects.requireNonNull(url, "url");
    }
  }
}
