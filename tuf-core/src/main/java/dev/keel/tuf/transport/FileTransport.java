package dev.keel.tuf.transport;

import dev.keel.tuf.error.DownloadException;
import dev.keel.tuf.error.LengthLimitExceededException;
import dev.keel.tuf.error.TransportFailureException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link Transport} for {@code file:} URLs, used for local repositories (the migrator's, tests). A
 * missing file is {@link FetchResult.NotFound}; a file larger than the cap fails at once; the
 * stream still counts bytes, so a file that grows while it is read cannot pass the cap.
 *
 * <p>How a URL names a file: each segment of the URL's raw path names one file or folder, below the
 * folder the segments before it named. A segment is first read literally, escapes and all: our
 * writer and the original's store a role named {@code a/b} as {@code 1.a%2Fb.json}, and that is the
 * file {@code 1.a%2Fb.json} names. Only when no such file exists is a segment percent-decoded (a
 * target {@code my file.txt} is stored under its name and fetched as {@code my%20file.txt}), and a
 * decoded segment is used only if it is one plain name: never empty, {@code .} or {@code ..}, never
 * holding {@code /} or NUL. A raw path with an empty, {@code .} or {@code ..} segment is refused.
 * So the file opened is always the one the segments name, below the URL's own folder, whatever the
 * URL says; a delegated role named {@code ../../x} is read from {@code ..%2F..%2Fx.json} beside the
 * other metadata, never from two folders up.
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
    Path path = pathOf(url);
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

  /** The file a {@code file:} URL names, segment by segment (see the class comment). */
  static Path pathOf(URI url) throws TransportFailureException {
    String name = url.toString();
    String authority = url.getRawAuthority();
    if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
      throw new TransportFailureException(name, "a file: URL must not name a host", null);
    }
    String raw = url.getRawPath();
    if (raw == null
        || !raw.startsWith("/")
        || url.getRawQuery() != null
        || url.getRawFragment() != null) {
      throw new TransportFailureException(
          name, "malformed file URL: needs an absolute path and no query or fragment", null);
    }
    Path path = Path.of("/");
    for (String segment : raw.substring(1).split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new TransportFailureException(
            name, "the path has an empty, '.' or '..' segment", null);
      }
      path = path.resolve(fileName(path, segment));
    }
    return path;
  }

  private static String fileName(Path folder, String segment) {
    if (segment.indexOf('%') < 0
        || Files.exists(folder.resolve(segment), LinkOption.NOFOLLOW_LINKS)) {
      return segment;
    }
    Optional<String> decoded = percentDecode(segment);
    if (decoded.isEmpty()
        || decoded.get().isEmpty()
        || decoded.get().equals(".")
        || decoded.get().equals("..")
        || decoded.get().indexOf('/') >= 0
        || decoded.get().indexOf('\0') >= 0) {
      return segment;
    }
    return decoded.get();
  }

  /** Strict UTF-8 percent-decoding; empty for a bad escape or bytes that are not UTF-8. */
  private static Optional<String> percentDecode(String segment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        continue;
      }
      int hi = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(segment.charAt(i + 2), 16) : -1;
      if (lo < 0) {
        return Optional.empty();
      }
      bytes.write(hi * 16 + lo);
      i += 2;
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // already failing; the original error is what matters
    }
  }
}
