package dev.keel.reposerver.pubsys;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * A request body whose bytes are shown to an observer as they are sent (to hash them, or to show
 * progress). The HTTP client may send a body more than once; each sending gets the observer the
 * supplier gives then, so that, for example, a digest starts afresh.
 */
final class ObservedBody implements HttpRequest.BodyPublisher {
  /** Sees one sending of the body. */
  interface Observer {
    /** The next bytes, before they are sent; read them through a duplicate. */
    void sent(ByteBuffer bytes);

    /** The body was sent in full. */
    default void completed() {}
  }

  private final HttpRequest.BodyPublisher inner;
  private final Supplier<Observer> observers;

  ObservedBody(HttpRequest.BodyPublisher inner, Supplier<Observer> observers) {
    this.inner = inner;
    this.observers = observers;
  }

  @Override
  public long contentLength() {
    return inner.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    Observer observer = observers.get();
    inner.subscribe(
        new Flow.Subscriber<ByteBuffer>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscriber.onSubscribe(s);
          }

          @Override
          public void onNext(ByteBuffer item) {
            observer.sent(item);
            subscriber.onNext(item);
          }

          @Override
          public void onError(Throwable t) {
            subscriber.onError(t);
          }

          @Override
          public void onComplete() {
            observer.completed();
            subscriber.onComplete();
          }
        });
  }
}
