package dev.keel.reposerver.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request path split into percent-decoded segments. A path is refused (empty result) if any
 * segment is empty or starts with {@code .} (before or after decoding: {@code .}, {@code ..}, and
 * dot files and folders such as {@code .git}), or decodes to something holding {@code /}, {@code \}
 * or NUL, or to invalid UTF-8: nothing can name a file outside the folders the routes serve, or a
 * hidden file inside them.
 */
public record RequestPath(List<String> segments) {
  public RequestPath {
    segments = List.copyOf(segments);
  }

  /** Parses the raw path of a request (no query). */
  public static Optional<RequestPath> parse(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return Optional.empty();
    }
    if (rawPath.equals("/")) {
      return Optional.of(new RequestPath(List.of()));
    }
    List<String> out = new ArrayList<>();
    for (String raw : rawPath.substring(1).split("/", -1)) {
      Optional<String> s = decode(raw);
      if (s.isEmpty()
          || s.get().isEmpty()
          || s.get().startsWith(".")
          || s.get().indexOf('/') >= 0
          || s.get().indexOf('\\') >= 0
          || s.get().indexOf('\0') >= 0) {
        return Optional.empty();
      }
      out.add(s.get());
    }
    return Optional.of(new RequestPath(out));
  }

  public int size() {
    return segments.size();
  }

  public String get(int i) {
    return segments.get(i);
  }

  private static Optional<String> decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return Optional.of(raw);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
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
}
