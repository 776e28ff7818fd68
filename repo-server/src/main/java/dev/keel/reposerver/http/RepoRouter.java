package dev.keel.reposerver.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server's Vert.x Web {@link Router}: one line per route, handlers as method references. Every
 * request first passes {@link #admit}: the {@link ConnectionGuard}'s head deadline stops; exactly
 * one {@code Host} header (HTTP/1.1) and a path that {@link RequestPath} accepts (no dot segments,
 * encoded slashes or empty segments: checked on the raw path, before Vert.x Web normalises it), or
 * 400; a {@code Date} header; one access-log line. Authenticated routes check the token ({@link
 * Authenticator#require}) before a body is read; JSON bodies are read by Vert.x Web's {@link
 * BodyHandler} (at most {@link PublishRoutes#MAX_JSON}, which also answers {@code Expect:
 * 100-continue}); uploads stream. A method a path does not support gets 405 with {@code Allow};
 * failures go through {@link Failures#handle}.
 */
public final class RepoRouter {
  private static final String PATH = "keel.path";
  private static final List<HttpMethod> READ = List.of(HttpMethod.GET, HttpMethod.HEAD);

  private final Router router;
  private final Map<String, Set<HttpMethod>> allowed = new LinkedHashMap<>();
  private final ConnectionGuard guard;
  private final Optional<AccessLog> accessLog;
  private final Clock clock;
  private final HttpDate date;
  private final Buffer openApi;

  public RepoRouter(
      Vertx vertx,
      String prefix,
      FileRoutes files,
      PublishRoutes api,
      Authenticator auth,
      ConnectionGuard guard,
      PrometheusMeterRegistry registry,
      Optional<AccessLog> accessLog,
      Clock clock) {
    this.router = Router.router(vertx);
    this.guard = guard;
    this.accessLog = accessLog;
    this.clock = clock;
    this.date = new HttpDate(clock);
    this.openApi = Buffer.buffer(readOpenApi());
    Handler<RoutingContext> json = BodyHandler.create(false).setBodyLimit(PublishRoutes.MAX_JSON);
    router.route().handler(this::admit).failureHandler(Failures::handle);
    // What hosts fetch first: the router tries routes in order.
    on(READ, "/" + prefix + "/*", files::metadata); // a prefix match: cheaper than a pattern
    on(READ, "/targets/*", files::target);
    on(READ, "/healthz", this::health);
    on(READ, "/metrics", auth.require(Scope.METRICS), PrometheusScrapingHandler.create(registry));
    on(READ, "/api/openapi.json", this::openApi);
    on(
        List.of(HttpMethod.PUT, HttpMethod.POST),
        "/api/v1/uploads",
        auth.require(Scope.PUBLISH),
        api::upload);
    on(
        List.of(HttpMethod.POST),
        "/api/v1/repos/:variant/:arch/releases",
        auth.require(Scope.PUBLISH),
        json,
        api::publish);
    on(
        List.of(HttpMethod.POST),
        "/api/v1/repos/:variant/:arch/releases/:version/pull",
        auth.require(Scope.ADMIN),
        json,
        api::pull);
    on(
        List.of(HttpMethod.DELETE),
        "/api/v1/repos/:variant/:arch/releases/:version",
        auth.require(Scope.ADMIN),
        json,
        api::remove);
    on(
        List.of(HttpMethod.POST),
        "/api/v1/repos/:variant/:arch/refresh",
        auth.require(Scope.ADMIN),
        json,
        api::refresh);
    on(
        List.of(HttpMethod.GET),
        "/api/v1/repos/:variant/:arch/expirations",
        auth.require(Scope.ADMIN),
        api::expirations);
    on(
        List.of(HttpMethod.POST),
        "/api/v1/repos/:variant/:arch/validate",
        auth.require(Scope.ADMIN),
        json,
        api::validate);
    allowed.forEach(
        (path, methods) -> router.route(path).handler(ctx -> methodNotAllowed(ctx, methods)));
    router.route().handler(this::notFound);
  }

  public Router router() {
    return router;
  }

  /** The validated segments of the request's path. */
  static RequestPath path(RoutingContext ctx) {
    return ctx.get(PATH);
  }

  @SafeVarargs
  private void on(List<HttpMethod> methods, String path, Handler<RoutingContext>... handlers) {
    Route route = router.route(path);
    methods.forEach(route::method);
    for (Handler<RoutingContext> h : handlers) {
      route.handler(h);
    }
    allowed.computeIfAbsent(path, p -> new LinkedHashSet<>()).addAll(methods);
  }

  private void admit(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    long start = System.nanoTime();
    guard.requestStarted(ctx);
    ctx.response().putHeader("Date", date.now());
    accessLog.ifPresent(log -> ctx.addEndHandler(v -> log(log, req, start)));
    if (!oneHost(req)) {
      Failures.refuse(ctx, 400, "a request needs exactly one Host header");
      return;
    }
    Optional<RequestPath> path = RequestPath.parse(req.path());
    if (path.isEmpty()) {
      Failures.refuse(
          ctx,
          400,
          "invalid request path: no segment may be empty or start with '.', "
              + "or hold an encoded '/', '\\' or NUL");
      return;
    }
    ctx.put(PATH, path.get());
    ctx.next();
  }

  /**
   * RFC 9112 section 3.2: an HTTP/1.1 request without Host, or any request with two, is refused.
   */
  private static boolean oneHost(HttpServerRequest req) {
    if (req.version() == HttpVersion.HTTP_2) {
      return true; // :authority instead (HTTP/2 is off, see RepoServerVerticle)
    }
    List<String> hosts = req.headers().getAll("Host");
    return hosts.size() == 1 || (hosts.isEmpty() && req.version() == HttpVersion.HTTP_1_0);
  }

  private void methodNotAllowed(RoutingContext ctx, Set<HttpMethod> methods) {
    ctx.response()
        .putHeader(
            "Allow", methods.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
    Failures.refuse(
        ctx, 405, ctx.request().method() + " is not allowed on " + ctx.request().path());
  }

  private void notFound(RoutingContext ctx) {
    ctx.request().pause();
    FileRoutes.notFound(ctx.response());
  }

  private void health(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end("{\"status\":\"ok\"}\n");
  }

  private void openApi(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache")
        .end(openApi);
  }

  private void log(AccessLog log, HttpServerRequest req, long start) {
    log.log(
        new AccessLog.Line(
            clock.millis(),
            String.valueOf(req.remoteAddress()),
            req.method().name(),
            req.uri(),
            req.response().getStatusCode(),
            req.response().bytesWritten(),
            System.nanoTime() - start));
  }

  private static byte[] readOpenApi() {
    try (InputStream in =
        RepoRouter.class.getResourceAsStream("/dev/keel/reposerver/openapi.json")) {
      return in == null
          ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)
          : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
