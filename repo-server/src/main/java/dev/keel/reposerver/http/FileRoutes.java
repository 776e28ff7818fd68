package dev.keel.reposerver.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves metadata and target files. Metadata comes from memory, from the repository's current
 * {@link MetadataSet} in {@link ServedMetadata}: the event loop never touches the file system for
 * it (see docs/adr/0012-metadata-served-from-memory.md), except for metadata files over {@link
 * #SMALL_FILE}, which are sent from disk like targets. Targets (images) go through {@code sendFile}
 * (zero-copy, never on the heap); targets up to {@link #SMALL_FILE} are read once on the event loop
 * and kept while their stat is unchanged (see docs/adr/0007-small-files-on-the-event-loop.md). GET
 * and HEAD; one byte range; the preconditions {@code If-Match}, {@code If-Unmodified-Since} (412),
 * {@code If-None-Match}, {@code If-Modified-Since} (304) and {@code If-Range}, evaluated in RFC
 * 9110's order; cache headers by file kind. Versioned metadata ({@code N.role.json}) and hash-named
 * targets never change, so they are {@code immutable}; {@code timestamp.json} and 404s (a client
 * probing for {@code N+1.root.json}) are cached only briefly, and other errors not at all. The
 * router hands over paths whose segments {@link RequestPath} has validated. One instance per event
 * loop (not thread-safe).
 */
public final class FileRoutes {
  /** How long a response may be cached. */
  public enum CachePolicy {
    IMMUTABLE("public, max-age=31536000, immutable"),
    SHORT("public, max-age=60"),
    NOT_FOUND("public, max-age=10");

    private final AsciiString encoded;

    CachePolicy(String header) {
      this.encoded = new AsciiString(header);
    }

    CharSequence encoded() {
      return encoded;
    }
  }

  static final long SMALL_FILE = 64 * 1024;
  static final long SMALL_FILE_CACHE = 16L << 20;

  private static final CharSequence BYTES = new AsciiString("bytes");

  /** A small file's bytes and the stat they were read under. */
  private record SmallFile(FileStamp stamp, byte[] bytes) {}

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private final ServedMetadata served;
  private final Path targetsDir;
  private final ServerMetrics metrics;

  /**
   * Small files by path, least recently used first, at most {@link #SMALL_FILE_CACHE} bytes in all.
   */
  private final Map<Path, SmallFile> smallFiles = new LinkedHashMap<>(64, 0.75f, true);

  private long cachedBytes;
  private long lastMtime = Long.MIN_VALUE;
  private String lastModifiedText;

  public FileRoutes(ServedMetadata served, ServerMetrics metrics) {
    this.served = served;
    this.targetsDir = served.store().targetsDir();
    this.metrics = metrics;
  }

  /** Cache policy of a metadata file name: {@code N.role.json} never changes, the rest may. */
  public static CachePolicy metadataPolicy(String fileName) {
    int digits = 0;
    while (digits < fileName.length()
        && fileName.charAt(digits) >= '0'
        && fileName.charAt(digits) <= '9') {
      digits++;
    }
    boolean versioned =
        digits > 0
            && fileName.length() > digits + ".x.json".length() - 1
            && fileName.charAt(digits) == '.'
            && fileName.endsWith(".json");
    return versioned ? CachePolicy.IMMUTABLE : CachePolicy.SHORT;
  }

  /** {@code GET|HEAD /<prefix>/<variant>/<arch>/<file>}. */
  public void metadata(RoutingContext ctx) {
    List<String> s = RepoRouter.path(ctx).segments();
    if (s.size() != 4) {
      notFound(ctx.response());
      return;
    }
    metadata(ctx.request(), s.get(1) + "/" + s.get(2), s.get(3));
  }

  /**
   * Answers a GET or HEAD for the metadata file {@code name} of the repository {@code repo} ({@code
   * variant/arch}, validated segments).
   */
  void metadata(HttpServerRequest request, String repo, String name) {
    MetadataSet set = served.get(repo);
    MetadataFile file = set == null ? null : set.inMemory(name);
    if (file != null) {
      respond(request, file);
    } else if (set != null && set.onDisk(name)) {
      serve(
          request, served.store().metadataRoot().resolve(repo).resolve(name), metadataPolicy(name));
    } else {
      notFound(request.response());
    }
  }

  /** Whether {@code repo} ({@code variant/arch}) is a published repository. */
  boolean hasRepository(String repo) {
    return served.get(repo) != null;
  }

  /** {@code GET|HEAD /targets/<name>}. */
  public void target(RoutingContext ctx) {
    List<String> s = RepoRouter.path(ctx).segments();
    if (s.size() < 2) {
      notFound(ctx.response());
      return;
    }
    Path file = targetsDir;
    for (String segment : s.subList(1, s.size())) {
      file = file.resolve(segment);
    }
    if (!file.normalize().startsWith(targetsDir)) {
      notFound(ctx.response()); // RequestPath already refuses what could get here
      return;
    }
    serve(ctx.request(), file, CachePolicy.IMMUTABLE);
  }

  /** Sends {@code file} from disk, or a 404 if it is not a regular file. */
  private void serve(HttpServerRequest request, Path file, CachePolicy policy) {
    // One stat() on the event loop, like the open() that sendFile itself does there: a hop to a
    // worker thread per request cost three quarters of the small-file throughput.
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      notFound(request.response());
      return;
    }
    if (!attrs.isRegularFile()) {
      notFound(request.response());
      return;
    }
    respond(request, new DiskFile(file, attrs, policy));
  }

  public static void notFound(HttpServerResponse response) {
    response.putHeader(HeaderName.CACHE_CONTROL, CachePolicy.NOT_FOUND.encoded());
    Failures.error(response, 404, "not found");
  }

  private void respond(HttpServerRequest request, ServedFile file) {
    HttpServerResponse response = request.response();
    long size = file.size();
    String etag = file.etag();
    long modified = file.modifiedSecond();
    MultiMap headers = request.headers();
    if (!preconditionsHold(headers, etag, modified)) {
      Failures.error(response, 412, "precondition failed");
      return;
    }
    // Validators and cache headers only on 200, 206 and 304: never on an error a cache could keep.
    response
        .putHeader(HeaderName.ETAG, etag)
        .putHeader(HeaderName.LAST_MODIFIED, file.lastModified())
        .putHeader(HeaderName.CACHE_CONTROL, file.policy().encoded())
        .putHeader(HeaderName.ACCEPT_RANGES, BYTES)
        .putHeader(HeaderName.CONTENT_TYPE, file.contentType());
    if (notModified(headers, etag, modified)) {
      response.setStatusCode(304).end();
      return;
    }
    long offset = 0;
    long length = size;
    String ifRange = headers.get(HttpHeaderNames.IF_RANGE);
    Optional<long[]> span =
        ifRange == null || ifRange.equals(etag)
            ? range(headers.get(HttpHeaderNames.RANGE), size)
            : Optional.empty();
    if (span.isPresent()) {
      if (span.get().length == 0) {
        response.headers().remove("ETag").remove("Last-Modified");
        response
            .setStatusCode(416)
            .putHeader("Cache-Control", "no-store")
            .putHeader("Content-Range", "bytes */" + size)
            .end();
        return;
      }
      offset = span.get()[0];
      length = span.get()[1] - offset + 1;
      response
          .setStatusCode(206)
          .putHeader("Content-Range", "bytes " + offset + "-" + span.get()[1] + "/" + size);
    }
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader(HeaderName.CONTENT_LENGTH, Long.toString(length)).end();
      return;
    }
    file.send(response, offset, length, metrics);
  }

  /** A file on disk, as one stat found it. */
  private final class DiskFile implements ServedFile {
    private final Path file;
    private final BasicFileAttributes attrs;
    private final CachePolicy policy;
    private final long mtime;

    DiskFile(Path file, BasicFileAttributes attrs, CachePolicy policy) {
      this.file = file;
      this.attrs = attrs;
      this.policy = policy;
      this.mtime = attrs.lastModifiedTime().toMillis();
    }

    @Override
    public long size() {
      return attrs.size();
    }

    @Override
    public String etag() {
      return ServedFile.etag(attrs.size(), mtime);
    }

    @Override
    public CharSequence lastModified() {
      return FileRoutes.this.lastModified(mtime);
    }

    @Override
    public long modifiedSecond() {
      return Math.floorDiv(mtime, 1000);
    }

    @Override
    public CachePolicy policy() {
      return policy;
    }

    @Override
    public CharSequence contentType() {
      return ServedFile.contentType(file.getFileName().toString());
    }

    @Override
    public void send(HttpServerResponse response, long offset, long length, ServerMetrics m) {
      if (attrs.size() <= SMALL_FILE) {
        sendSmall(response, file, attrs, (int) offset, (int) length);
        return;
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      } catch (IOException e) {
        gone(response);
        return;
      }
      response
          .sendFile(channel, offset, length)
          .onComplete(
              ar -> {
                closeQuietly(channel);
                if (ar.succeeded()) {
                  m.served(length);
                }
              });
    }
  }

  /**
   * Files up to {@link #SMALL_FILE} are sent from memory: setting up a zero-copy transfer costs
   * more than copying a few kilobytes. Their bytes are kept after the first read and reused while
   * the request's stat still shows the same file (inode, size and modification time: files are only
   * ever replaced by rename), which saves the open, read and close of every request. Images always
   * go through sendFile.
   */
  private void sendSmall(
      HttpServerResponse response, Path file, BasicFileAttributes attrs, int offset, int length) {
    SmallFile cached = smallFiles.get(file);
    if (cached == null || !cached.stamp().matches(attrs)) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        gone(response);
        return;
      }
      if (bytes.length != attrs.size()) {
        gone(response); // changed since the stat: never send a short or mismatched body
        return;
      }
      cached = new SmallFile(FileStamp.of(attrs), bytes);
      remember(file, cached);
    }
    Buffer body =
        offset == 0 && length == cached.bytes().length
            ? Buffer.buffer(cached.bytes())
            : Buffer.buffer(length).appendBytes(cached.bytes(), offset, length);
    response.end(body).onSuccess(v -> metrics.served(length));
  }

  private void remember(Path file, SmallFile f) {
    SmallFile old = smallFiles.put(file, f);
    cachedBytes += f.bytes().length - (old == null ? 0 : old.bytes().length);
    for (var it = smallFiles.values().iterator();
        cachedBytes > SMALL_FILE_CACHE && it.hasNext(); ) {
      cachedBytes -= it.next().bytes().length;
      it.remove();
    }
  }

  /**
   * The Last-Modified text of {@code mtime}; the last one is kept, as most requests are for one
   * file.
   */
  private String lastModified(long mtime) {
    if (mtime != lastMtime) {
      lastModifiedText = HttpDate.format(Instant.ofEpochMilli(mtime));
      lastMtime = mtime;
    }
    return lastModifiedText;
  }

  /** The file was replaced or removed between the stat and the read. */
  private static void gone(HttpServerResponse response) {
    response
        .headers()
        .remove("ETag")
        .remove("Last-Modified")
        .remove("Accept-Ranges")
        .remove("Content-Range");
    notFound(response);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // read-only channel
    }
  }

  /**
   * The byte range a {@code Range} header asks for: empty to send the whole file (no header,
   * another unit, several ranges, or a malformed one, all of which RFC 9110 lets a server ignore),
   * an empty array if unsatisfiable (416), else the first and last byte, the last clamped to the
   * file.
   */
  static Optional<long[]> range(String header, long size) {
    if (header == null || header.contains(",")) {
      return Optional.empty();
    }
    Matcher m = RANGE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    long last = m.group(2).isEmpty() ? Long.MAX_VALUE : parseClamped(m.group(2));
    if (m.group(1).isEmpty()) {
      return Optional.of(
          last == 0 || size == 0 ? new long[0] : new long[] {Math.max(0, size - last), size - 1});
    }
    long first = parseClamped(m.group(1));
    if (last < first) {
      return Optional.empty(); // invalid: ignored
    }
    return Optional.of(first >= size ? new long[0] : new long[] {first, Math.min(last, size - 1)});
  }

  /** A run of digits as a long; Long.MAX_VALUE if it is larger (it is past any file's end). */
  private static long parseClamped(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /** {@code If-Match}, or without it {@code If-Unmodified-Since}: false means 412. */
  private static boolean preconditionsHold(MultiMap request, String etag, long modified) {
    String ifMatch = request.get(HttpHeaderNames.IF_MATCH);
    if (ifMatch != null) {
      for (String tag : ifMatch.split(",")) {
        String t = tag.strip();
        if (t.equals("*") || t.equals(etag)) {
          return true;
        }
      }
      return false;
    }
    String ius = request.get(HttpHeaderNames.IF_UNMODIFIED_SINCE);
    if (ius != null) {
      Optional<Instant> since = HttpDate.parse(ius);
      return since.isEmpty() || modified <= since.get().getEpochSecond();
    }
    return true;
  }

  private static boolean notModified(MultiMap request, String etag, long modified) {
    String inm = request.get(HttpHeaderNames.IF_NONE_MATCH);
    if (inm != null) {
      for (String tag : inm.split(",")) {
        String t = tag.strip();
        if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
          return true;
        }
      }
      return false;
    }
    String ims = request.get(HttpHeaderNames.IF_MODIFIED_SINCE);
    if (ims != null) {
      Optional<Instant> since = HttpDate.parse(ims);
      return since.isPresent() && modified <= since.get().getEpochSecond();
    }
    return false;
  }
}
