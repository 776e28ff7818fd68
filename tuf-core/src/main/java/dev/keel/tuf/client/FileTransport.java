package dev.keel.tuf.client;

import dev.keel.tuf.error.DownloadException;
import dev.keel.tuf.error.LengthLimitExceededException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@link Transport} for {@code file:} URLs, used for local repositories (the migrator's, tests).
 * A missing file is {@link FetchResult.NotFound}; a file larger than the cap fails at once; the
 * stream still counts bytes, so a file that grows while it is read cannot pass the cap.
 */
public final class FileTransport implements Transport {

  /** {@inheritDoc} */
  @Override
  public FetchResult fetch(URI url, long maxBytes) throws DownloadException {
    Objects.requireNonNull(url, "url");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
    }
    String name = url.toString();
    if (url.getScheme() == null || !url.getScheme().toLowerCase(Locale.ROOT).equals("file")) {
      throw new TransportFailureException(name, "not a file: URL", null);
    }
    Path path;
    try {
      path = Path.of(url);
    } catch (IllegalArgumentException e) {
      throw new TransportFailureException(name, "malformed file URL: " + e.getMessage(), e);
    }
    if (Files.isDirectory(path)) {
      throw new TransportFailureException(name, "is a directory", null);
    }
    InputStream in;
    long size;
    try {
      in = Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      return new FetchResult.NotFound(url);
    } catch (IOException e) {
      throw new TransportFailureException(name, "cannot open: " + e, e);
    }
    try {
      size = Files.size(path);
    } catch (IOException e) {
      closeQuietly(in);
      throw new TransportFailureException(name, "cannot read the size: " + e, e);
    }
    if (size > maxBytes) {
      closeQuietly(in);
      throw new LengthLimitExceededException(name, maxBytes, "the file has " + size + " bytes");
    }
    return new FetchResult.Found(
        url, new CappedInputStream(in, maxBytes, name), OptionalLong.of(size));
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // already failing; the original error is what matters
    }
  }
}
