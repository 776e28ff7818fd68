package dev.keel.reposerver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.manifest.SemVer;
import dev.keel.reposerver.publish.Permission;
import dev.keel.reposerver.publish.PublishRequest;
import dev.keel.reposerver.publish.PublishResult;
import dev.keel.reposerver.publish.Publisher;
import dev.keel.reposerver.publish.RoleExpiry;
import dev.keel.reposerver.store.FileRepositoryStore;
import dev.keel.reposerver.store.InvalidRequestException;
import dev.keel.reposerver.store.RepositoryId;
import dev.keel.tuf.error.InvalidTargetPathException;
import dev.keel.tuf.model.TargetPath;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The authenticated publishing API under {@code /api/v1}. The router has checked the token and
 * (except for uploads, which stream) read the JSON body before a handler runs; each handler parses
 * the request, runs one blocking {@link Publisher} call on a worker, and maps the result to one
 * response, or hands the failure to the router's failure handler ({@link Failures}). Publishes to
 * one repository are serialised by the publisher; uploads run concurrently.
 */
public final class PublishRoutes {
  /** The largest JSON request body. */
  public static final long MAX_JSON = 4L << 20;

  private final Publisher publisher;
  private final Authenticator auth;
  private final ServerMetrics metrics;
  private final WorkerExecutor uploads;
  private final WorkerExecutor publishes;
  private final long uploadLimit;
  private final Clock clock;

  public PublishRoutes(
      Publisher publisher,
      Authenticator auth,
      ServerMetrics metrics,
      WorkerExecutor uploads,
      WorkerExecutor publishes,
      long uploadLimit,
      Clock clock) {
    this.publisher = publisher;
    this.auth = auth;
    this.metrics = metrics;
    this.uploads = uploads;
    this.publishes = publishes;
    this.uploadLimit = uploadLimit;
    this.clock = clock;
  }

  /** {@code PUT|POST /api/v1/uploads[?name=N]}: the body becomes an upload named by its SHA-256. */
  public void upload(RoutingContext ctx) {
    Optional<String> name = Optional.ofNullable(ctx.request().getParam("name"));
    try {
      if (name.isPresent()) {
        FileRepositoryStore.checkStorable(TargetPath.of(name.get()).resolved());
      }
    } catch (InvalidTargetPathException e) {
      ctx.fail(
          new InvalidRequestException("'name' is not a valid target name: " + e.getMessage(), e));
      return;
    } catch (InvalidRequestException e) {
      ctx.fail(e); // the failure handler closes the connection: the body is not read
      return;
    }
    UploadReceiver.receive(ctx.request(), publisher.store(), uploads, uploadLimit)
        .onSuccess(u -> json(ctx.response(), 201, ApiJson.upload(name, u)))
        .onFailure(ctx::fail);
  }

  /** {@code POST /api/v1/repos/{variant}/{arch}/releases}: publishes a release. */
  public void publish(RoutingContext ctx) {
    // Re-listing a name or lowering max_version needs the admin scope: the publisher asks for it.
    Permission permission =
        auth.check(ctx.request(), Scope.ADMIN).isEmpty() ? Permission.ADMIN : Permission.PUBLISH;
    respond(
        ctx,
        201,
        change(
            () ->
                publisher.publish(
                    PublishRequest.fromJson(repository(ctx), body(ctx)), permission)));
  }

  /** {@code POST .../releases/{version}/pull}: lowers max_version below the release. */
  public void pull(RoutingContext ctx) {
    respond(
        ctx,
        200,
        change(
            () -> {
              JsonNode max = body(ctx).get("max_version");
              Optional<SemVer> maxVersion =
                  max == null || max.isNull()
                      ? Optional.empty()
                      : Optional.of(PublishRequest.parseVersion(max.asText(), "max_version"));
              return publisher.pull(repository(ctx), version(ctx), maxVersion);
            }));
  }

  /** {@code DELETE .../releases/{version}}: removes the release from manifest.json. */
  public void remove(RoutingContext ctx) {
    respond(ctx, 200, change(() -> publisher.remove(repository(ctx), version(ctx))));
  }

  /** {@code POST .../refresh[?unsafe=true]}: re-signs targets, snapshot and timestamp. */
  public void refresh(RoutingContext ctx) {
    boolean unsafe = "true".equals(ctx.request().getParam("unsafe"));
    respond(ctx, 200, change(() -> publisher.refresh(repository(ctx), unsafe)));
  }

  /** {@code GET .../expirations[?within=7d | ?limit=RFC3339]}: when each role expires. */
  public void expirations(RoutingContext ctx) {
    publishes
        .executeBlocking(
            () -> {
              RepositoryId id = repository(ctx);
              Instant limit = limit(ctx);
              List<RoleExpiry> roles = publisher.expirations(id);
              metrics.expiries(id, roles);
              return ApiJson.expirations(roles, limit);
            },
            false)
        .onSuccess(s -> json(ctx.response(), 200, s))
        .onFailure(ctx::fail);
  }

  /**
   * {@code POST .../validate[?targets=true]}: loads as a host would, optionally checking every
   * target.
   */
  public void validate(RoutingContext ctx) {
    boolean targets = "true".equals(ctx.request().getParam("targets"));
    publishes
        .executeBlocking(
            () -> {
              body(ctx);
              return ApiJson.validation(publisher.validate(repository(ctx), targets));
            },
            false)
        .onSuccess(s -> json(ctx.response(), 200, s))
        .onFailure(ctx::fail);
  }

  private Instant limit(RoutingContext ctx) throws InvalidRequestException {
    String limit = ctx.request().getParam("limit");
    if (limit != null) {
      return PublishRequest.parseTime(limit, "limit");
    }
    String within = ctx.request().getParam("within");
    if (within == null) {
      return clock.instant().plus(Duration.ofDays(7));
    }
    if (!within.matches("\\d{1,6}[smhd]")) {
      throw new InvalidRequestException("'within' must look like 90m, 12h or 7d");
    }
    long n = Long.parseLong(within.substring(0, within.length() - 1));
    Duration d =
        switch (within.charAt(within.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    return clock.instant().plus(d);
  }

  /** Runs one repository change on the publish workers, timing it and refreshing expiry gauges. */
  private Future<PublishResult> change(Callable<PublishResult> action) {
    return publishes.executeBlocking(
        () -> {
          long start = System.nanoTime();
          PublishResult r = action.call();
          metrics.published(Duration.ofNanos(System.nanoTime() - start));
          metrics.expiries(r.repository(), r.expiries());
          return r;
        },
        false);
  }

  private static void respond(RoutingContext ctx, int status, Future<PublishResult> result) {
    result.onSuccess(r -> json(ctx.response(), status, ApiJson.result(r))).onFailure(ctx::fail);
  }

  /**
   * The request body, read by the router's body handler, parsed strictly ({@link ApiJson#parse}).
   */
  private static JsonNode body(RoutingContext ctx) throws InvalidRequestException {
    return ApiJson.parse(ctx.body().buffer());
  }

  private static RepositoryId repository(RoutingContext ctx) throws InvalidRequestException {
    return RepositoryId.of(ctx.pathParam("variant"), ctx.pathParam("arch"));
  }

  private static SemVer version(RoutingContext ctx) throws InvalidRequestException {
    return PublishRequest.parseVersion(ctx.pathParam("version"), "version");
  }

  private static void json(HttpServerResponse response, int status, String body) {
    response
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body + "\n");
  }
}
