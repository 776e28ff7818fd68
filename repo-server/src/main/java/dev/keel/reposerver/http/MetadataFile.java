package dev.keel.reposerver.http;

import io.netty.buffer.Unpooled;
import io.netty.util.AsciiString;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;

/**
 * One metadata file as a ready response: its bytes in an off-heap buffer that every event loop
 * writes without copying (each write takes its own view of it), and its header values encoded once.
 * Immutable and shared by all event loops.
 */
record MetadataFile(
    Buffer body,
    String etag,
    CharSequence lastModified,
    long modifiedSecond,
    FileRoutes.CachePolicy policy,
    CharSequence contentType)
    implements ServedFile {

  /** The response for {@code bytes} of a file named {@code name}, modified at {@code mtime}. */
  static MetadataFile of(String name, byte[] bytes, long mtimeMillis) {
    // A JDK direct buffer, freed by its cleaner once no set holds it: Netty's own allocator would
    // track it for leaks and report every replaced set's buffers, which are never released. Not a
    // read-only view, which Netty would copy on every write; nothing writes to it: every response
    // takes a slice with indexes of its own.
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    Buffer body =
        BufferInternal.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
    return new MetadataFile(
        body,
        ServedFile.etag(bytes.length, mtimeMillis),
        new AsciiString(HttpDate.format(java.time.Instant.ofEpochMilli(mtimeMillis))),
        Math.floorDiv(mtimeMillis, 1000),
        FileRoutes.metadataPolicy(name),
        new AsciiString(ServedFile.contentType(name)));
  }

  @Override
  public long size() {
    return body.length();
  }

  @Override
  public void send(HttpServerResponse response, long offset, long length, ServerMetrics metrics) {
    Buffer span =
        offset == 0 && length == body.length()
            ? body
            : body.slice((int) offset, (int) (offset + length));
    response.end(span).onSuccess(v -> metrics.served(length));
  }
}
