package dev.keel.reposerver.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves metadata and target files: images with {@code sendFile} (zero-copy, never on the heap),
 * files up to {@link #SMALL_FILE} with one read from the page cache on the event loop (see
 * docs/adr/0007-small-files-on-the-event-loop.md). GET and HEAD, single byte ranges, ETag / Last-Modified revalidation, and cache headers by file kind.
 * Versioned metadata ({@code N.role.json}) and hash-named targets never change, so they are
 * {@code immutable}; {@code timestamp.json} and 404s (a client probing for {@code N+1.root.json})
 * are cached only briefly. Callers pass paths built from validated {@link RequestPath} segments.
 */
public final class FileRoutes {
  /** How long a response may be cached. */
  public enum CachePolicy {
    IMMUTABLE("public, max-age=31536000, immutable"),
    SHORT("public, max-age=60"),
    NOT_FOUND("public, max-age=10");

    private final String header;

    CachePolicy(String header) {
      this.header = header;
    }

    public String header() {
      return header;
    }
  }

  static final long SMALL_FILE = 64 * 1024;

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final Pattern VERSIONED = Pattern.compile("\\d+\\..+\\.json");

  private final Vertx vertx;
  private final Metrics metrics;

  public FileRoutes(Vertx vertx, Metrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
  }

  /** Cache policy of a metadata file name. */
  public static CachePolicy metadataPolicy(String fileName) {
    return VERSIONED.matcher(fileName).matches() ? CachePolicy.IMMUTABLE : CachePolicy.SHORT;
  }

  /** Sends {@code file}, or a 404 if it is not a regular file. */
  public void serve(HttpServerRequest request, Path file, CachePolicy policy) {
    if (file.getFileName().toString().startsWith(".")) {
      notFound(request.response());  // temporary files of atomic writes are never served
      return;
    }
    // One stat() on the event loop, like the open() that sendFile itself does there: a hop to a
    // worker thread per request cost three quarters of the small-file throughput.
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      notFound(request.response());
      return;
    }
    respond(request, file, attrs, policy);
  }

  public static void notFound(HttpServerResponse response) {
    response.putHeader("Cache-Control", CachePolicy.NOT_FOUND.header());
    Failures.error(response, 404, "not found");
  }

  private void respond(HttpServerRequest request, Path file, BasicFileAttributes attrs, CachePolicy policy) {
    HttpServerResponse response = request.response();
    if (!attrs.isRegularFile()) {
      notFound(response);
      return;
    }
    long size = attrs.size();
    long mtime = attrs.lastModifiedTime().toMillis();
    String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(mtime) + "\"";
    ZonedDateTime modified = Instant.ofEpochMilli(mtime).atZone(ZoneOffset.UTC);
    response.putHeader("ETag", etag)
        .putHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(modified))
        .putHeader("Cache-Control", policy.header())
        .putHeader("Accept-Ranges", "bytes")
        .putHeader("Content-Type", file.getFileName().toString().endsWith(".json")
            ? "application/json" : "application/octet-stream");
    if (notModified(request, etag, modified)) {
      response.setStatusCode(304).end();
      return;
    }
    long offset = 0;
    long length = size;
    String range = request.getHeader("Range");
    String ifRange = request.getHeader("If-Range");
    if (range != null && (ifRange == null || ifRange.equals(etag)) && !range.contains(",")) {
      Matcher m = RANGE.matcher(range.strip());
      long[] span = m.matches() ? span(m.group(1), m.group(2), size) : null;
      if (span == null) {
        response.setStatusCode(416).putHeader("Content-Range", "bytes */" + size).end();
        return;
      }
      offset = span[0];
      length = span[1] - span[0] + 1;
      response.setStatusCode(206).putHeader("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + size);
    }
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Long.toString(length)).end();
      return;
    }
    long sent = length;
    if (length <= SMALL_FILE) {
      sendSmall(response, file, offset, (int) length);
      return;
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      notFound(response);  // replaced or removed since the stat
      return;
    }
    response.sendFile(channel, offset, length).onComplete(ar -> {
      closeQuietly(channel);
      if (ar.succeeded()) {
        metrics.served(sent);
      }
    });
  }

  /**
   * Files up to {@link #SMALL_FILE} (metadata) are read and written in one go: setting up a
   * zero-copy transfer costs more than copying a few kilobytes. Images always go through sendFile.
   */
  private void sendSmall(HttpServerResponse response, Path file, long offset, int length) {
    ByteBuffer buf = ByteBuffer.allocate(length);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buf.hasRemaining() && channel.read(buf, offset + buf.position()) > 0) {
        // read until full
      }
    } catch (IOException e) {
      notFound(response);
      return;
    }
    if (buf.hasRemaining()) {
      notFound(response);  // truncated since the stat: never send a short body
      return;
    }
    buf.flip();
    response.end(Buffer.buffer(buf.array())).onSuccess(v -> metrics.served(length));
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // read-only channel
    }
  }

  /** First and last byte of a {@code bytes=a-b} range, or null if unsatisfiable. */
  private static long[] span(String first, String last, long size) {
    try {
      if (first.isEmpty()) {
        if (last.isEmpty()) {
          return null;
        }
        long suffix = Long.parseLong(last);
        if (suffix == 0 || size == 0) {
          return null;
        }
        return new long[] {Math.max(0, size - suffix), size - 1};
      }
      long a = Long.parseLong(first);
      long b = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
      if (a >= size || b < a) {
        return null;
      }
      return new long[] {a, b};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean notModified(HttpServerRequest request, String etag, ZonedDateTime modified) {
    String inm = request.getHeader("If-None-Match");
    if (inm != null) {
      for (String tag : inm.split(",")) {
        String t = tag.strip();
        if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
          return true;
        }
      }
      return false;
    }
    String ims = request.getHeader("If-Modified-Since");
    if (ims != null) {
      try {
        ZonedDateTime since = ZonedDateTime.parse(ims, DateTimeFormatter.RFC_1123_DATE_TIME);
        return !modified.withNano(0).isAfter(since);
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    return false;
  }
}
