package dev.keel.reposerver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.manifest.SemVer;
import dev.keel.reposerver.publish.Permission;
import dev.keel.reposerver.publish.PublishRequest;
import dev.keel.reposerver.publish.PublishResult;
import dev.keel.reposerver.publish.Publisher;
import dev.keel.reposerver.publish.RoleExpiry;
import dev.keel.reposerver.store.InvalidRequestException;
import dev.keel.reposerver.store.RepositoryId;
import dev.keel.reposerver.store.UploadTooLargeException;
import dev.keel.tuf.error.InvalidTargetPathException;
import dev.keel.tuf.model.TargetPath;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The authenticated publishing API under {@code /api/v1}. Every handler checks the token, parses
 * the request, runs one blocking {@link Publisher} call on a worker, and maps the result (or the
 * failure, through {@link Failures}) to one response. Publishes to one repository are serialised by
 * the publisher; uploads run concurrently.
 */
public final class PublishRoutes {
  private static final long MAX_JSON = 4L << 20;

  private final Publisher publisher;
  private final Authenticator auth;
  private final Metrics metrics;
  private final WorkerExecutor uploads;
  private final WorkerExecutor publishes;
  private final long uploadLimit;
  private final Clock clock;

  public PublishRoutes(Publisher publisher, Authenticator auth, Metrics metrics, WorkerExecutor uploads,
      WorkerExecutor publishes, long uploadLimit, Clock clock) {
    this.publisher = publisher;
    this.auth = auth;
    this.metrics = metrics;
    this.uploads = uploads;
    this.publishes = publishes;
    this.uploadLimit = uploadLimit;
    this.clock = clock;
  }

  /** {@code PUT|POST /api/v1/uploads[?name=N]}: the body becomes an upload named by its SHA-256. */
  public void upload(HttpServerRequest req, RequestPath path) {
    if (!allowed(req, Scope.PUBLISH)) {
      return;
    }
    Optional<String> name = Optional.ofNullable(req.getParam("name"));
    try {
      if (name.isPresent()) {
        TargetPath.of(name.get());
      }
    } catch (InvalidTargetPathException e) {
      req.pause();
      fail(req, new InvalidRequestException("'name' is not a valid target name: " + e.getMessage(), e));
      return;
    }
    UploadReceiver.receive(req, publisher.store(), uploads, uploadLimit)
        .onSuccess(u -> json(req.response(), 201, ApiJson.upload(name, u)))
        .onFailure(t -> fail(req, t));
  }

  /** {@code POST /api/v1/repos/{variant}/{arch}/releases}: publishes a release. */
  public void publish(HttpServerRequest req, RequestPath path) {
    if (!allowed(req, Scope.PUBLISH)) {
      return;
    }
    Permission permission = auth.check(req, Scope.ADMIN).isEmpty() ? Permission.ADMIN : Permission.PUBLISH;
    body(req).compose(json -> change(() -> publisher.publish(PublishRequest.fromJson(repository(path), json), permission)))
        .onSuccess(r -> json(req.response(), 201, ApiJson.result(r)))
        .onFailure(t -> fail(req, t));
  }

  /** {@code POST .../releases/{version}/pull}: lowers max_version below the release. */
  public void pull(HttpServerRequest req, RequestPath path) {
    if (!allowed(req, Scope.ADMIN)) {
      return;
    }
    body(req).compose(json -> change(() -> {
      JsonNode max = json.get("max_version");
      Optional<SemVer> maxVersion = max == null || max.isNull() ? Optional.empty()
          : Optional.of(PublishRequest.parseVersion(max.asText(), "max_version"));
      return publisher.pull(repository(path), PublishRequest.parseVersion(path.get(6), "version"), maxVersion);
    })).onSuccess(r -> json(req.response(), 200, ApiJson.result(r))).onFailure(t -> fail(req, t));
  }

  /** {@code DELETE .../releases/{version}}: removes the release from manifest.json. */
  public void remove(HttpServerRequest req, RequestPath path) {
    if (!allowed(req, Scope.ADMIN)) {
      return;
    }
    body(req).compose(json -> change(() ->
            publisher.remove(repository(path), PublishRequest.parseVersion(path.get(6), "version"))))
        .onSuccess(r -> json(req.response(), 200, ApiJson.result(r))).onFailure(t -> fail(req, t));
  }

  /** {@code POST .../refresh[?unsafe=true]}: re-signs targets, snapshot and timestamp. */
  public void refresh(HttpServerRequest req, RequestPath path) {
    if (!allowed(req, Scope.ADMIN)) {
      return;
    }
    boolean unsafe = "true".equals(req.getParam("unsafe"));
    body(req).compose(json -> change(() -> publisher.refresh(repository(path), unsafe)))
        .onSuccess(r -> json(req.response(), 200, ApiJson.result(r))).onFailure(t -> fail(req, t));
  }

  /** {@code GET .../expirations[?within=7d | ?limit=RFC3339]}: when each role expires. */
  public void expirations(HttpServerRequest req, RequestPath path) {
    if (!allowed(req, Scope.ADMIN)) {
      return;
    }
    publishes.executeBlocking(() -> {
      RepositoryId id = repository(path);
      Instant limit = limit(req);
      List<RoleExpiry> roles = publisher.expirations(id);
      metrics.expiries(id, roles);
      return ApiJson.expirations(roles, limit);
    }, false).onSuccess(s -> json(req.response(), 200, s)).onFailure(t -> fail(req, t));
  }

  /** {@code POST .../validate[?targets=true]}: loads as a host would, optionally checking every target. */
  public void validate(HttpServerRequest req, RequestPath path) {
    if (!allowed(req, Scope.ADMIN)) {
      return;
    }
    boolean targets = "true".equals(req.getParam("targets"));
    body(req).compose(json -> publishes.executeBlocking(
            () -> ApiJson.validation(publisher.validate(repository(path), targets)), false))
        .onSuccess(s -> json(req.response(), 200, s)).onFailure(t -> fail(req, t));
  }

  private Instant limit(HttpServerRequest req) throws InvalidRequestException {
    String limit = req.getParam("limit");
    if (limit != null) {
      return PublishRequest.parseTime(limit, "limit");
    }
    String within = req.getParam("within");
    if (within == null) {
      return clock.instant().plus(Duration.ofDays(7));
    }
    if (!within.matches("\\d{1,6}[smhd]")) {
      throw new InvalidRequestException("'within' must look like 90m, 12h or 7d");
    }
    long n = Long.parseLong(within.substring(0, within.length() - 1));
    Duration d = switch (within.charAt(within.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    return clock.instant().plus(d);
  }

  /** Runs one repository change on the publish workers, timing it and refreshing expiry gauges. */
  private Future<PublishResult> change(Callable<PublishResult> action) {
    return publishes.executeBlocking(() -> {
      long start = System.nanoTime();
      PublishResult r = action.call();
      metrics.published((System.nanoTime() - start) / 1e9);
      metrics.expiries(r.repository(), r.expiries());
      return r;
    }, false);
  }

  private static RepositoryId repository(RequestPath path) throws InvalidRequestException {
    return RepositoryId.of(path.get(3), path.get(4));
  }

  private boolean allowed(HttpServerRequest req, Scope scope) {
    Optional<Authenticator.Denial> denial = auth.check(req, scope);
    if (denial.isEmpty()) {
      return true;
    }
    req.pause();
    HttpServerResponse response = req.response().putHeader("Connection", "close");
    if (denial.get() == Authenticator.Denial.UNAUTHENTICATED) {
      response.putHeader("WWW-Authenticate", "Bearer");
      Failures.error(response, 401, "missing or unknown bearer token");
    } else {
      Failures.error(response, 403, "token lacks the '" + scope.name().toLowerCase() + "' scope");
    }
    return false;
  }

  /**
   * Reads a small JSON body (at most 4 MiB). Called only after {@link #allowed}, so a client that
   * sent {@code Expect: 100-continue} is told to go on only once its token passed.
   */
  private static Future<JsonNode> body(HttpServerRequest req) {
    if (!UploadReceiver.admit(req, MAX_JSON)) {
      return Future.failedFuture(new UploadTooLargeException(MAX_JSON));
    }
    Promise<JsonNode> promise = Promise.promise();
    Buffer buffer = Buffer.buffer();
    req.handler(chunk -> {
      if (buffer.length() + chunk.length() > MAX_JSON) {
        promise.tryFail(new UploadTooLargeException(MAX_JSON));
        return;
      }
      buffer.appendBuffer(chunk);
    });
    req.endHandler(v -> {
      try {
        promise.tryComplete(ApiJson.parse(buffer));
      } catch (InvalidRequestException e) {
        promise.tryFail(e);
      }
    });
    req.exceptionHandler(promise::tryFail);
    return promise.future();
  }

  private static void fail(HttpServerRequest req, Throwable t) {
    if (t instanceof UploadTooLargeException) {
      req.response().putHeader("Connection", "close");
    }
    Failures.send(req.response(), t);
  }

  private static void json(HttpServerResponse response, int status, String body) {
    response.setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body + "\n");
  }
}
