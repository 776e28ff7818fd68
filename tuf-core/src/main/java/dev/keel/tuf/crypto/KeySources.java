package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses a key source the way tuftool's {@code -k/--key} does: a plain file path, or a URL whose
 * scheme names the backend. Only {@code file:} is supported (e.g. {@code file:///abs/key.pem});
 * {@code aws-kms://}, {@code aws-ssm://} and any other scheme are rejected.
 */
public final class KeySources {
  /** RFC 3986 scheme followed by ':'; a Windows drive letter is not a concern on our targets. */
  private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  private KeySources() {}

  /**
   * @throws KeyException {@link Reason#UNSUPPORTED} for a URL scheme other than {@code file},
   *     {@link Reason#MALFORMED} for a {@code file:} URL that does not name a local path
   */
  public static KeySource parse(String source, Optional<char[]> passphrase) throws KeyException {
    if (!URL_SCHEME.matcher(source).find()) {
      return new FileKeySource(Path.of(source), passphrase);
    }
    URI uri;
    try {
      uri = new URI(source);
    } catch (URISyntaxException e) {
      throw new KeyException(Reason.MALFORMED, "key source is not a valid URL: " + source, e);
    }
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          "key source scheme not supported: " + uri.getScheme() + " (in " + source + ")");
    }
    try {
      return new FileKeySource(Path.of(uri), passphrase);
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      throw new KeyException(
          Reason.MALFORMED, "file key source must be file:///absolute/path: " + source, e);
    }
  }
}
