package dev.keel.reposerver.http;

import dev.keel.reposerver.store.RepositoryStore;
import dev.keel.reposerver.store.Upload;
import dev.keel.reposerver.store.UploadTooLargeException;
import dev.keel.reposerver.store.UploadWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Streams one request body into an {@link UploadWriter}: every chunk is hashed and written on a
 * worker thread, in order (each write chained after the previous), while the request is paused
 * whenever more than {@link #MAX_QUEUED} bytes wait. The size limit is checked on the event loop as
 * bytes arrive, so an oversize body is refused without writing more than the limit.
 */
final class UploadReceiver {
  static final long MAX_QUEUED = 8L << 20;

  private final HttpServerRequest request;
  private final WorkerExecutor worker;
  private final long limit;
  private final Promise<Upload> result = Promise.promise();
  private Future<Void> tail;
  private UploadWriter writer;
  private long received;
  private long queued;
  private boolean failed;

  private UploadReceiver(HttpServerRequest request, WorkerExecutor worker, long limit) {
    this.request = request;
    this.worker = worker;
    this.limit = limit;
  }

  /** Receives the body of {@code request}; fails with {@link UploadTooLargeException} over {@code limit}. */
  static Future<Upload> receive(HttpServerRequest request, RepositoryStore store, WorkerExecutor worker, long limit) {
    UploadReceiver r = new UploadReceiver(request, worker, limit);
    String declared = request.getHeader("Content-Length");
    if (declared != null && declared.matches("\\d{1,19}") && Long.parseLong(declared) > limit) {
      return Future.failedFuture(new UploadTooLargeException(limit));
    }
    request.pause();
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      request.response().writeContinue();
    }
    r.tail = worker.executeBlocking(() -> store.openUpload(limit), false).map(w -> {
      r.writer = w;
      return (Void) null;
    });
    request.handler(r::chunk);
    request.endHandler(v -> r.end());
    request.exceptionHandler(r::fail);
    r.tail.onSuccess(v -> request.resume()).onFailure(r::fail);
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
    byte[] bytes = buffer.getBytes();
    queued += bytes.length;
    if (queued > MAX_QUEUED) {
      request.pause();
    }
    tail = tail.compose(v -> worker.<Void>executeBlocking(() -> {
      writer.write(bytes, 0, bytes.length);
      return null;
    }, false)).andThen(ar -> {
      queued -= bytes.length;
      if (!failed && queued <= MAX_QUEUED / 2) {
        request.resume();
      }
    });
    tail.onFailure(this::fail);
  }

  private void end() {
    if (failed) {
      return;
    }
    tail.compose(v -> worker.executeBlocking(writer::finish, false))
        .onSuccess(result::tryComplete)
        .onFailure(this::fail);
  }

  private void fail(Throwable t) {
    if (failed) {
      return;
    }
    failed = true;
    result.tryFail(t);
    Future<Void> done = tail == null ? Future.succeededFuture() : tail;
    done.onComplete(ar -> {
      if (writer != null) {
        UploadWriter w = writer;
        worker.executeBlocking(() -> {
          w.abort();
          return null;
        }, false);
      }
    });
  }
}
