package dev.keel.reposerver.http;

import dev.keel.reposerver.store.RepositoryStateException;
import dev.keel.reposerver.store.RepositoryStore;
import dev.keel.reposerver.store.Upload;
import dev.keel.reposerver.store.UploadTooLargeException;
import dev.keel.reposerver.store.UploadWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayDeque;
import java.util.OptionalLong;

/**
 * Streams one request body into an {@link UploadWriter}. The event loop only queues the chunks
 * Vert.x hands it (no copying there); one worker task at a time takes what is queued, packs it into
 * a {@link #BLOCK}-byte array and hands the writer whole blocks, so the bytes reach the file in
 * order, in few large writes, with one copy of ours and few thread hops. The request is paused
 * while more than {@link #MAX_QUEUED} bytes wait. The size limit is checked on the event loop as
 * bytes arrive, so an oversize body is refused without writing more than the limit.
 */
final class UploadReceiver {
  static final int MAX_QUEUED = 8 << 20;

  /** The size of each write to the writer but the last (smaller for a smaller body). */
  static final int BLOCK = 1 << 20;

  private final HttpServerRequest request;
  private final WorkerExecutor worker;
  private final long limit;
  private final Promise<Upload> result = Promise.promise();
  private UploadWriter writer;
  private ArrayDeque<Buffer> pending = new ArrayDeque<>();
  private long pendingBytes;
  private final int blockSize;
  private byte[] block; // touched by the one running worker task only
  private int blockLength;
  private boolean inFlight = true; // until the writer is open
  private boolean ended;
  private boolean paused;
  private long received;
  private boolean failed;

  private UploadReceiver(HttpServerRequest request, WorkerExecutor worker, long limit) {
    this.request = request;
    this.worker = worker;
    this.limit = limit;
    // A small body declared as such gets a block of its size (Vert.x holds the body to its
    // Content-Length).
    this.blockSize = (int) Math.max(1, Math.min(BLOCK, declaredLength(request).orElse(BLOCK)));
  }

  /** The body's length from its Content-Length header, if it has a plausible one. */
  private static OptionalLong declaredLength(HttpServerRequest request) {
    String declared = request.getHeader("Content-Length");
    return declared != null && declared.matches("\\d{1,18}")
        ? OptionalLong.of(Long.parseLong(declared))
        : OptionalLong.empty();
  }

  /**
   * Whether a body of at most {@code limit} bytes may come: false (and the request paused) if its
   * Content-Length already says more. If it may, a client waiting on {@code Expect: 100-continue}
   * is told to send it. Call only once the request is authenticated.
   */
  static boolean admit(HttpServerRequest request, long limit) {
    if (declaredLength(request).orElse(0) > limit) {
      request.pause();
      return false;
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      request.response().writeContinue();
    }
    return true;
  }

  /**
   * Receives the body of {@code request}; fails with {@link UploadTooLargeException} over {@code
   * limit}.
   */
  static Future<Upload> receive(
      HttpServerRequest request, RepositoryStore store, WorkerExecutor worker, long limit) {
    UploadReceiver r = new UploadReceiver(request, worker, limit);
    if (!admit(request, limit)) {
      return Future.failedFuture(new UploadTooLargeException(limit));
    }
    request.handler(r::chunk);
    request.endHandler(v -> r.end());
    request.exceptionHandler(r::fail);
    worker
        .executeBlocking(() -> store.openUpload(limit), false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                r.fail(ar.cause());
                return;
              }
              r.writer = ar.result();
              if (r.failed) {
                r.abortWriter();
                return;
              }
              r.inFlight = false;
              r.flush();
            });
    return r.result.future();
  }

  private void chunk(Buffer buffer) {
    if (failed) {
      return;
    }
    received += buffer.length();
    if (received > limit) {
      fail(new UploadTooLargeException(limit));
      return;
    }
    pending.add(buffer);
    pendingBytes += buffer.length();
    if (pendingBytes > MAX_QUEUED && !paused) {
      paused = true;
      request.pause();
    }
    flush();
  }

  private void end() {
    ended = true;
    flush();
  }

  /** Starts writing the pending batch unless a write is running; finishes once all is written. */
  private void flush() {
    if (inFlight || failed) {
      return;
    }
    if (pending.isEmpty()) {
      if (ended) {
        inFlight = true;
        worker
            .executeBlocking(
                () -> {
                  writeBlock();
                  return writer.finish();
                },
                false)
            .onSuccess(result::tryComplete)
            .onFailure(this::fail);
      }
      return;
    }
    ArrayDeque<Buffer> batch = pending;
    pending = new ArrayDeque<>();
    pendingBytes = 0;
    inFlight = true;
    if (paused) {
      paused = false;
      request.resume();
    }
    worker
        .<Void>executeBlocking(
            () -> {
              write(batch);
              return null;
            },
            false)
        .onComplete(
            ar -> {
              inFlight = false;
              if (failed) {
                abortWriter(); // failed while this write ran
              } else if (ar.failed()) {
                fail(ar.cause());
              } else {
                flush();
              }
            });
  }

  /** Packs {@code batch} into blocks, writing each block once it is full. On a worker. */
  private void write(ArrayDeque<Buffer> batch)
      throws UploadTooLargeException, RepositoryStateException {
    if (block == null) {
      block = new byte[blockSize];
    }
    for (Buffer chunk : batch) {
      int length = chunk.length();
      for (int at = 0; at < length; ) {
        int n = Math.min(length - at, block.length - blockLength);
        chunk.getBytes(at, at + n, block, blockLength);
        blockLength += n;
        at += n;
        if (blockLength == block.length) {
          writeBlock();
        }
      }
    }
  }

  private void writeBlock() throws UploadTooLargeException, RepositoryStateException {
    if (blockLength > 0) {
      writer.write(block, 0, blockLength);
      blockLength = 0;
    }
  }

  private void fail(Throwable t) {
    if (failed) {
      return;
    }
    failed = true;
    pending.clear();
    pendingBytes = 0;
    result.tryFail(t);
    if (writer != null && !inFlight) {
      abortWriter();
    }
    // Otherwise the running write aborts the writer when it completes (see flush).
  }

  private void abortWriter() {
    UploadWriter w = writer;
    worker.executeBlocking(
        () -> {
          w.abort();
          return null;
        },
        false);
  }
}
