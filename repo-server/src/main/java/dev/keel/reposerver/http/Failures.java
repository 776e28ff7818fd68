package dev.keel.reposerver.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.reposerver.store.AdminRequiredException;
import dev.keel.reposerver.store.ConflictException;
import dev.keel.reposerver.store.InvalidRequestException;
import dev.keel.reposerver.store.NotFoundException;
import dev.keel.reposerver.store.RepositoryStateException;
import dev.keel.reposerver.store.StorageFullException;
import dev.keel.reposerver.store.UploadTooLargeException;
import io.vertx.core.http.HttpServerResponse;

/** Maps failures to HTTP statuses and writes the JSON error body {@code {"error": "..."}}. */
public final class Failures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final System.Logger LOG = System.getLogger(Failures.class.getName());

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

  /** Ends the response with the status for {@code t} and a message naming the problem. */
  public static void send(HttpServerResponse response, Throwable t) {
    int status = status(t);
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (status >= 500) {
      // Every 5xx leaves a trace on the server: a publish that failed to sign or write is news, a full disk too.
      LOG.log(System.Logger.Level.ERROR, message, t);
      if (!(t instanceof RepositoryStateException)) {
        message = "internal error: " + message;
      }
    }
    error(response, status, message);
  }

  public static void error(HttpServerResponse response, int status, String message) {
    if (response.ended() || response.closed()) {
      return;
    }
    ObjectNode body = JSON.createObjectNode().put("error", message);
    if (!response.headers().contains("Cache-Control")) {
      response.putHeader("Cache-Control", "no-store");
    }
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString() + "\n");
  }
}
