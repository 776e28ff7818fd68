package dev.keel.reposerver.http;

import io.vertx.core.http.HttpServerResponse;

/**
 * What {@link FileRoutes} answers a GET or HEAD with: the validators and cache headers of one file
 * and a way to send a span of its bytes. The same preconditions, ranges and headers apply whether
 * the bytes are in memory ({@link MetadataFile}) or on disk.
 */
interface ServedFile {
  long size();

  /** The strong validator: size and modification time, in hexadecimal. */
  String etag();

  /** The Last-Modified header value (an IMF-fixdate). */
  CharSequence lastModified();

  /** The modification time in whole seconds, as If-(Un)Modified-Since compare it. */
  long modifiedSecond();

  FileRoutes.CachePolicy policy();

  CharSequence contentType();

  /** Ends {@code response} with {@code length} bytes from {@code offset}; counts what was sent. */
  void send(HttpServerResponse response, long offset, long length, ServerMetrics metrics);

  /** The ETag of a file of {@code size} bytes last modified at {@code mtimeMillis}. */
  static String etag(long size, long mtimeMillis) {
    return "\"" + Long.toHexString(size) + "-" + Long.toHexString(mtimeMillis) + "\"";
  }

  /** The Content-Type by file name: JSON for metadata and manifests, else bytes. */
  static String contentType(String fileName) {
    return fileName.endsWith(".json") ? "application/json" : "application/octet-stream";
  }
}
