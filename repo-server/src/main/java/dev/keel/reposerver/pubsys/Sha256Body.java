package dev.keel.reposerver.pubsys;

import dev.keel.tuf.model.HashAlgorithm;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * A request body that hashes the bytes as they are sent, so that an upload can be checked against
 * the SHA-256 the server says it stored without reading the file twice. Each subscription (the
 * HTTP client may send a body more than once) starts a fresh digest; {@link #sha256()} is the hash
 * of the last body sent in full.
 */
final class Sha256Body implements HttpRequest.BodyPublisher {
  private final HttpRequest.BodyPublisher inner;
  private volatile String completed;

  Sha256Body(HttpRequest.BodyPublisher inner) {
    this.inner = inner;
  }

  /** Lowercase hex SHA-256 of the last body sent to the end; empty if none was. */
  Optional<String> sha256() {
    return Optional.ofNullable(completed);
  }

  @Override
  public long contentLength() {
    return inner.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    MessageDigest digest = HashAlgorithm.SHA256.newDigest();
    inner.subscribe(new Flow.Subscriber<ByteBuffer>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscriber.onSubscribe(s);
      }

      @Override
      public void onNext(ByteBuffer item) {
        digest.update(item.duplicate());
        subscriber.onNext(item);
      }

      @Override
      public void onError(Throwable t) {
        subscriber.onError(t);
      }

      @Override
      public void onComplete() {
        completed = HexFormat.of().formatHex(digest.digest());
        subscriber.onComplete();
      }
    });
  }
}
