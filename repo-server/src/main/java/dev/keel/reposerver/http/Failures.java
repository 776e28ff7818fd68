package dev.keel.reposerver.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.reposerver.store.AdminRequiredException;
import dev.keel.reposerver.store.ConflictException;
import dev.keel.reposerver.store.InvalidRequestException;
import dev.keel.reposerver.store.NotFoundException;
import dev.keel.reposerver.store.PublishException;
import dev.keel.reposerver.store.RepositoryStateException;
import dev.keel.reposerver.store.StorageFullException;
import dev.keel.reposerver.store.UploadTooLargeException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Maps failures to HTTP statuses and writes the JSON error body {@code {"error": "..."}}, never
 * cacheable beyond what the caller set (404s: briefly) and never naming a path on the server.
 */
public final class Failures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final System.Logger LOG = System.getLogger(Failures.class.getName());

  /**
   * Two or more absolute path segments: a file on the server, which a client has no business
   * seeing.
   */
  private static final Pattern SERVER_PATH = Pattern.compile("(?<![\\w.])(/[^/\\s:'\"]+){2,}/?");

  /** How long a refused request's unread body is drained before the connection closes. */
  private static final long LINGER_MILLIS = 1000;

  private Failures() {}

  public static int status(Throwable t) {
    if (t instanceof InvalidRequestException) {
      return 400;
    }
    if (t instanceof NotFoundException) {
      return 404;
    }
    if (t instanceof AdminRequiredException) {
      return 403;
    }
    if (t instanceof ConflictException) {
      return 409;
    }
    if (t instanceof StorageFullException) {
      return 507;
    }
    if (t instanceof UploadTooLargeException) {
      return 413;
    }
    return 500;
  }

  /**
   * The router's failure handler: a handler failed with an exception ({@link #send}) or a status (a
   * Vert.x Web handler, e.g. 413 from the body handler).
   */
  public static void handle(RoutingContext ctx) {
    Throwable t = ctx.failure();
    if (t != null && !(t instanceof PublishException) && malformedRequest(ctx, t)) {
      t = new InvalidRequestException("malformed request: " + t.getMessage(), t);
    }
    if (t != null
        && (t instanceof InvalidRequestException || t instanceof UploadTooLargeException)
        && !ctx.request().isEnded()) {
      closeAfter(
          ctx); // the rest of the body is not read: the connection cannot carry another request
    }
    if (t != null) {
      send(ctx.response(), t);
    } else if (ctx.statusCode() == 413) {
      closeAfter(ctx);
      send(ctx.response(), new UploadTooLargeException(PublishRoutes.MAX_JSON));
    } else {
      int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
      error(ctx.response(), status, HttpResponseStatus.valueOf(status).reasonPhrase());
    }
  }

  /**
   * Whether {@code t} is about the request's bytes rather than our code: it came before the router
   * admitted the request (Vert.x refusing its head), or it is the HTTP decoder's complaint about a
   * body still being read (a bad chunk size, an over-long chunk line).
   */
  private static boolean malformedRequest(RoutingContext ctx, Throwable t) {
    return RepoRouter.path(ctx) == null
        || (!ctx.request().isEnded()
            && (t instanceof DecoderException || t instanceof IllegalArgumentException));
  }

  /** Ends the response with the status for {@code t} and a message naming the problem. */
  public static void send(HttpServerResponse response, Throwable t) {
    if (t instanceof HttpClosedException) {
      return; // the client went away: there is no one to answer, and nothing went wrong here
    }
    int status = status(t);
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (status >= 500) {
      // Every 5xx leaves a trace on the server: a publish that failed to sign or write is news, a
      // full disk too.
      LOG.log(System.Logger.Level.ERROR, message, t);
      if (!(t instanceof RepositoryStateException)) {
        message = "internal error: " + message;
      }
    }
    error(response, status, SERVER_PATH.matcher(message).replaceAll("<path>"));
  }

  /**
   * Answers without reading the request's body, and closes the connection once the response is
   * sent: the unread body would otherwise be taken for the next request.
   */
  public static void refuse(RoutingContext ctx, int status, String message) {
    closeAfter(ctx);
    error(ctx.response(), status, message);
  }

  private static void closeAfter(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    req.pause();
    ctx.response().putHeader("Connection", "close");
    ctx.addEndHandler(
        v -> {
          HttpConnection connection = req.connection();
          if (req.isEnded()) {
            connection.close();
            return;
          }
          // Drop what the client still sends for a moment, then close: closing with unread bytes
          // resets
          // the connection, and a reset can destroy the response before the client has read it.
          long timer = ctx.vertx().setTimer(LINGER_MILLIS, id -> connection.close());
          req.handler(ignored -> {});
          req.exceptionHandler(ignored -> {});
          req.endHandler(
              end -> {
                ctx.vertx().cancelTimer(timer);
                connection.close();
              });
          req.resume();
        });
  }

  public static void error(HttpServerResponse response, int status, String message) {
    if (response.ended() || response.closed()) {
      return;
    }
    ObjectNode body = JSON.createObjectNode().put("error", message);
    if (!response.headers().contains("Cache-Control")) {
      response.putHeader("Cache-Control", "no-store");
    }
    response
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.toString() + "\n");
  }
}
