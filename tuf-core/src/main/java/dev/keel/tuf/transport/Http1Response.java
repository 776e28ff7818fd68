package dev.keel.tuf.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An HTTP/1.1 response to a GET read off an {@link Http1Channel}: the head is parsed at once, the
 * body is framed as RFC 9112 section 6.3 says (no body for 204 and 304; {@code chunked} transfer
 * coding; else {@code Content-Length}; else until the connection closes).
 *
 * <p>Strict where leniency could smuggle bytes: conflicting or malformed {@code Content-Length},
 * obsolete header folding, malformed chunk sizes and heads over {@link #MAX_HEAD_BYTES} are {@link
 * ProtocolException}s naming the peer's answer. Interim 1xx answers are skipped. When the body has
 * been read to its end and the connection may persist (HTTP/1.1, no {@code Connection: close},
 * self-delimited body), the channel goes to {@code reusable}; otherwise it is closed.
 */
final class Http1Response implements HttpExchange {
  static final int MAX_HEAD_BYTES = 64 * 1024;
  static final int MAX_HEADERS = 256;
  private static final int MAX_CHUNK_LINE = 4 * 1024;

  private enum Framing {
    NONE,
    LENGTH,
    CHUNKED,
    UNTIL_CLOSE
  }

  private final Http1Channel channel;
  private final Consumer<Http1Channel> reusable;
  private final int status;
  private final Map<String, List<String>> headers;
  private final Framing framing;
  private final long contentLength;
  private final boolean persistent;
  private final Body body = new Body();
  private long remaining; // LENGTH: bytes left; CHUNKED: bytes left in the current chunk
  private boolean done;
  private boolean released;

  private Http1Response(
      Http1Channel channel,
      Consumer<Http1Channel> reusable,
      int status,
      boolean http11,
      Map<String, List<String>> headers)
      throws ProtocolException {
    this.channel = channel;
    this.reusable = reusable;
    this.status = status;
    this.headers = headers;
    List<String> transferCodings = tokens("transfer-encoding");
    if (status == 204 || status == 304) {
      framing = Framing.NONE;
      contentLength = 0;
    } else if (!transferCodings.isEmpty()) {
      boolean chunked = transferCodings.get(transferCodings.size() - 1).equals("chunked");
      framing = chunked ? Framing.CHUNKED : Framing.UNTIL_CLOSE;
      contentLength = -1;
    } else if (headers.containsKey("content-length")) {
      framing = Framing.LENGTH;
      contentLength = parseContentLength(headers.get("content-length"));
      remaining = contentLength;
    } else {
      framing = Framing.UNTIL_CLOSE;
      contentLength = -1;
    }
    persistent =
        http11 && !tokens("connection").contains("close") && framing != Framing.UNTIL_CLOSE;
    if (framing == Framing.NONE || (framing == Framing.LENGTH && remaining == 0)) {
      finish();
    }
  }

  /**
   * Reads the next final response head from {@code channel}.
   *
   * @param reusable takes the channel back once the body has been read to its end, if the
   *     connection may persist
   * @throws ProtocolException if the head is malformed or too large
   * @throws IOException if reading fails or times out: each wait, and the whole head (interim
   *     answers included), get the channel's read timeout, so a head trickling in byte by byte
   *     cannot hold the client for longer (slow retrieval before the body)
   */
  static Http1Response read(Http1Channel channel, Consumer<Http1Channel> reusable)
      throws IOException {
    Objects.requireNonNull(reusable, "reusable");
    channel.startDeadline();
    try {
      return readHead(channel, reusable);
    } finally {
      channel.clearDeadline();
    }
  }

  private static Http1Response readHead(Http1Channel channel, Consumer<Http1Channel> reusable)
      throws IOException {
    int[] budget = {MAX_HEAD_BYTES};
    while (true) {
      String statusLine = line(channel, budget, "response head");
      if (!statusLine.startsWith("HTTP/1.")
          || statusLine.length() < 12
          || !Character.isDigit(statusLine.charAt(7))
          || statusLine.charAt(8) != ' '
          || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
        throw new ProtocolException("malformed status line: " + printable(statusLine));
      }
      int status;
      try {
        status = Integer.parseInt(statusLine.substring(9, 12));
      } catch (NumberFormatException e) {
        throw new ProtocolException("malformed status line: " + printable(statusLine));
      }
      Map<String, List<String>> headers = headers(channel, budget);
      if (status < 100 || status == 101) {
        throw new ProtocolException("unexpected status line: " + printable(statusLine));
      }
      if (status >= 200) {
        return new Http1Response(channel, reusable, status, statusLine.charAt(7) != '0', headers);
      }
      // An interim answer (100 Continue, 103 Early Hints): the final one follows.
    }
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? null : values.get(0);
  }

  @Override
  public long contentLength() {
    return contentLength;
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public void abort() {
    if (!released) {
      released = true;
      channel.close();
    }
  }

  private void finish() {
    done = true;
    if (!released) {
      released = true;
      if (persistent) {
        reusable.accept(channel);
      } else {
        channel.close();
      }
    }
  }

  /** The body; reads after the end return -1 without touching the (possibly reused) channel. */
  private final class Body extends BulkInputStream {
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (done) {
        return -1;
      }
      if (released) {
        throw new IOException("response body was closed");
      }
      if (len == 0) {
        return 0;
      }
      return switch (framing) {
        case UNTIL_CLOSE -> readUntilClose(b, off, len);
        case LENGTH -> readCounted(b, off, len, "Content-Length");
        case CHUNKED -> readChunked(b, off, len);
        case NONE -> -1;
      };
    }

    @Override
    public int available() {
      if (done || released) {
        return 0;
      }
      int buffered = channel.buffered();
      return framing == Framing.UNTIL_CLOSE ? buffered : (int) Math.min(buffered, remaining);
    }

    /** Closing before the end drops the connection: the rest of the body is not worth reading. */
    @Override
    public void close() {
      abort();
    }
  }

  private int readUntilClose(byte[] b, int off, int len) throws IOException {
    int n = channel.read(b, off, len);
    if (n < 0) {
      finish();
    }
    return n;
  }

  private int readCounted(byte[] b, int off, int len, String framedBy) throws IOException {
    int n = channel.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      abort();
      throw new EOFException(
          "connection closed with " + remaining + " bytes of the " + framedBy + " body missing");
    }
    remaining -= n;
    if (remaining == 0 && framing == Framing.LENGTH) {
      finish();
    }
    return n;
  }

  private int readChunked(byte[] b, int off, int len) throws IOException {
    if (remaining == 0) {
      remaining = nextChunkSize();
      if (remaining == 0) {
        int[] budget = {MAX_HEAD_BYTES};
        headers(channel, budget); // trailers: read and ignored
        finish();
        return -1;
      }
    }
    int n = readCounted(b, off, len, "chunk");
    if (remaining == 0) {
      String end = line(channel, new int[] {2}, "chunk end");
      if (!end.isEmpty()) {
        throw new ProtocolException("chunk data not followed by CRLF");
      }
    }
    return n;
  }

  private long nextChunkSize() throws IOException {
    String line = line(channel, new int[] {MAX_CHUNK_LINE}, "chunk size");
    int end = line.indexOf(';'); // chunk extensions are ignored
    String hex = (end < 0 ? line : line.substring(0, end)).trim();
    if (hex.isEmpty()
        || hex.length() > 15
        || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new ProtocolException("malformed chunk size: " + printable(line));
    }
    return Long.parseLong(hex, 16);
  }

  private List<String> tokens(String name) {
    List<String> tokens = new ArrayList<>();
    for (String value : headers.getOrDefault(name, List.of())) {
      for (String token : value.split(",")) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
          tokens.add(t);
        }
      }
    }
    return tokens;
  }

  /** Every value must be the same non-negative decimal (repeats are allowed, RFC 9110 8.6). */
  private static long parseContentLength(List<String> values) throws ProtocolException {
    long length = -1;
    for (String value : values) {
      for (String part : value.split(",")) {
        String p = part.trim();
        if (p.isEmpty() || p.length() > 18 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new ProtocolException("malformed Content-Length: " + printable(value));
        }
        long n = Long.parseLong(p);
        if (length != -1 && n != length) {
          throw new ProtocolException("conflicting Content-Length values: " + values);
        }
        length = n;
      }
    }
    return length;
  }

  private static Map<String, List<String>> headers(Http1Channel channel, int[] budget)
      throws IOException {
    Map<String, List<String>> headers = new HashMap<>();
    int count = 0;
    while (true) {
      String line = line(channel, budget, "response head");
      if (line.isEmpty()) {
        return headers;
      }
      if (++count > MAX_HEADERS) {
        throw new ProtocolException("more than " + MAX_HEADERS + " header fields");
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new ProtocolException("obsolete header line folding: " + printable(line));
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line.substring(0, colon))) {
        throw new ProtocolException("malformed header field: " + printable(line));
      }
      headers
          .computeIfAbsent(
              line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
          .add(line.substring(colon + 1).trim());
    }
  }

  /** One line without its CRLF (a bare LF is accepted), taking its bytes from {@code budget[0]}. */
  private static String line(Http1Channel channel, int[] budget, String what) throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      if (budget[0]-- <= 0) {
        throw new ProtocolException(what + " is longer than allowed");
      }
      int c = channel.readByte();
      if (c == '\n') {
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
          line.setLength(last);
        }
        return line.toString();
      }
      line.append((char) c); // ISO-8859-1, as RFC 9110 treats field values
    }
  }

  private static boolean isToken(String s) {
    return s.chars().allMatch(c -> c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0);
  }

  private static String printable(String s) {
    String cut = s.length() > 200 ? s.substring(0, 200) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
