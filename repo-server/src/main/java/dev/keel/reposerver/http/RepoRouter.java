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
 *
 * <p>{@link #handle} is the server's request handler. A GET or HEAD of a published repository's
 * metadata, the bulk of all requests, skips the router: the same admission (deadline, {@code Date},
 * access log, and a plain path with one {@code Host}, or else the router's own 400) and the same
 * {@link FileRoutes#metadata} handler, reported to the HTTP server meters under the same route,
 * without building a routing context and matching routes. Everything else goes through the router.
 */
public final class RepoRouter {
  private static final String PATH = "keel.path";
  private static final List<HttpMethod> READ = List.of(HttpMethod.GET, HttpMethod.HEAD);

  private final Router router;
  private final FileRoutes files;
  private final String metadataPrefix;
  private final String metadataRoute;
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
    this.files = files;
    this.metadataPrefix = "/" + prefix + "/";
    this.guard = guard;
    this.accessLog = accessLog;
    this.clock = clock;
    this.date = new HttpDate(clock);
    this.openApi = Buffer.buffer(readOpenApi());
    Handler<RoutingContext> json = BodyHandler.create(false).setBodyLimit(PublishRoutes.MAX_JSON);
    router.route().handler(this::admit).failureHandler(Failures::handle);
    // What hosts fetch first: the router tries routes in order.
    metadataRoute =
        on(READ, metadataPrefix + "*", files::metadata).getName(); // a prefix match: no pattern
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

  /** The server's request handler: metadata GETs and HEADs directly, the rest by the router. */
  public void handle(HttpServerRequest req) {
    HttpMethod method = req.method();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      String path = req.path();
      if (path.startsWith(metadataPrefix) && oneHost(req)) {
        int repoEnd = plainMetadataPath(path, metadataPrefix.length());
        if (repoEnd > 0) {
          String repo = path.substring(metadataPrefix.length(), repoEnd);
          if (files.hasRepository(repo)) {
            Runnable done = admitted(req);
            req.response().endHandler(v -> done.run());
            req.routed(metadataRoute);
            try {
              files.metadata(req, repo, path.substring(repoEnd + 1));
            } catch (RuntimeException e) {
              Failures.send(req.response(), e);
            }
            return;
          }
        }
      }
    }
    router.handle(req);
  }

  /**
   * Where the {@code variant/arch} part of a {@code <variant>/<arch>/<file>} path that starts at
   * {@code from} ends, if the path is one {@link RequestPath} takes as it is: three segments, none
   * empty or starting with {@code .}, nothing encoded, no {@code \} or NUL. Else -1, and the router
   * decides.
   */
  static int plainMetadataPath(String path, int from) {
    int slashes = 0;
    int repoEnd = -1;
    boolean segmentStart = true;
    for (int i = from; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '/') {
        if (segmentStart || ++slashes > 2) {
          return -1;
        }
        if (slashes == 2) {
          repoEnd = i;
        }
        segmentStart = true;
        continue;
      }
      if ((segmentStart && c == '.') || c == '%' || c == '\\' || c == 0) {
        return -1;
      }
      segmentStart = false;
    }
    return slashes == 2 && !segmentStart ? repoEnd : -1;
  }

  /** The validated segments of the request's path. */
  static RequestPath path(RoutingContext ctx) {
    return ctx.get(PATH);
  }

  @SafeVarargs
  private Route on(List<HttpMethod> methods, String path, Handler<RoutingContext>... handlers) {
    Route route = router.route(path);
    methods.forEach(route::method);
    for (Handler<RoutingContext> h : handlers) {
      route.handler(h);
    }
    allowed.computeIfAbsent(path, p -> new LinkedHashSet<>()).addAll(methods);
    return route;
  }

  /**
   * What every request goes through first: the head deadline stops and a {@code Date} header is
   * set. Returns what to run once the response has been sent: the deadline starts again, and the
   * access log gets its line.
   */
  private Runnable admitted(HttpServerRequest req) {
    long start = System.nanoTime();
    Runnable ended = guard.requestStarted(req.connection());
    req.response().putHeader(HeaderName.DATE, date.now());
    return () -> {
      ended.run();
      accessLog.ifPresent(log -> log(log, req, start));
    };
  }

  private void admit(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    Runnable done = admitted(req);
    ctx.addEndHandler(v -> done.run());
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
            req.remoteAddress(),
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
