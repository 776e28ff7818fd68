package dev.keel.reposerver.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The server's routing table, one line per route with a method-reference handler. Paths are parsed
 * by {@link RequestPath} first, so no handler ever sees {@code ..}, an encoded slash or an empty
 * segment: those requests get 400. Every response is counted in {@link Metrics} and logged in one
 * access-log line.
 */
public final class Routes implements Handler<HttpServerRequest> {
  private record Route(List<HttpMethod> methods, String label, String[] pattern,
      BiConsumer<HttpServerRequest, RequestPath> handler) {}

  private final List<Route> routes = new ArrayList<>();
  private final Path metadataRoot;
  private final Path targetsDir;
  private final String prefix;
  private final FileRoutes files;
  private final Metrics metrics;
  private final Optional<PrintStream> accessLog;
  private final java.time.Clock clock;
  private final byte[] openApi;

  public Routes(String prefix, Path metadataRoot, Path targetsDir, FileRoutes files, PublishRoutes api,
      Metrics metrics, Optional<PrintStream> accessLog, java.time.Clock clock) {
    this.clock = clock;
    this.prefix = prefix;
    this.metadataRoot = metadataRoot;
    this.targetsDir = targetsDir;
    this.files = files;
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.openApi = readOpenApi();
    List<HttpMethod> read = List.of(HttpMethod.GET, HttpMethod.HEAD);
    add(read, "healthz", "healthz", this::health);
    add(read, "metrics", "metrics", this::metrics);
    add(read, "openapi", "api/openapi.json", this::openApi);
    add(List.of(HttpMethod.PUT, HttpMethod.POST), "upload", "api/v1/uploads", api::upload);
    add(List.of(HttpMethod.POST), "publish", "api/v1/repos/*/*/releases", api::publish);
    add(List.of(HttpMethod.POST), "pull", "api/v1/repos/*/*/releases/*/pull", api::pull);
    add(List.of(HttpMethod.DELETE), "remove", "api/v1/repos/*/*/releases/*", api::remove);
    add(List.of(HttpMethod.POST), "refresh", "api/v1/repos/*/*/refresh", api::refresh);
    add(List.of(HttpMethod.GET), "expirations", "api/v1/repos/*/*/expirations", api::expirations);
    add(List.of(HttpMethod.POST), "validate", "api/v1/repos/*/*/validate", api::validate);
    add(read, "metadata", prefix + "/*/*/*", this::metadata);
  }

  private void add(List<HttpMethod> methods, String label, String pattern,
      BiConsumer<HttpServerRequest, RequestPath> handler) {
    routes.add(new Route(methods, label, pattern.split("/"), handler));
  }

  @Override
  public void handle(HttpServerRequest req) {
    long start = System.nanoTime();
    Optional<RequestPath> parsed = RequestPath.parse(req.path());
    String label = parsed.map(this::label).orElse("invalid");
    req.response().endHandler(v -> finished(req, label, start));
    if (parsed.isEmpty()) {
      req.pause();
      Failures.error(req.response(), 400, "invalid request path");
      return;
    }
    RequestPath path = parsed.get();
    if (path.size() >= 1 && path.get(0).equals("targets") && path.size() >= 2) {
      if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
        methodNotAllowed(req);
        return;
      }
      files.serve(req, resolve(targetsDir, path.segments().subList(1, path.size())), FileRoutes.CachePolicy.IMMUTABLE);
      return;
    }
    boolean pathMatched = false;
    for (Route r : routes) {
      if (matches(r.pattern(), path)) {
        pathMatched = true;
        if (r.methods().contains(req.method())) {
          r.handler().accept(req, path);
          return;
        }
      }
    }
    if (pathMatched) {
      methodNotAllowed(req);
    } else {
      req.pause();
      FileRoutes.notFound(req.response());
    }
  }

  private void metadata(HttpServerRequest req, RequestPath path) {
    String file = path.get(3);
    files.serve(req, metadataRoot.resolve(path.get(1)).resolve(path.get(2)).resolve(file),
        FileRoutes.metadataPolicy(file));
  }

  private void health(HttpServerRequest req, RequestPath path) {
    req.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end("{\"status\":\"ok\"}\n");
  }

  private void metrics(HttpServerRequest req, RequestPath path) {
    req.response().putHeader("Content-Type", "text/plain; version=0.0.4").putHeader("Cache-Control", "no-store")
        .end(metrics.render());
  }

  private void openApi(HttpServerRequest req, RequestPath path) {
    req.response().putHeader("Content-Type", "application/json").end(io.vertx.core.buffer.Buffer.buffer(openApi));
  }

  private String label(RequestPath path) {
    if (path.size() >= 2 && path.get(0).equals("targets")) {
      return "targets";
    }
    for (Route r : routes) {
      if (matches(r.pattern(), path)) {
        return r.label();
      }
    }
    return "unknown";
  }

  private static boolean matches(String[] pattern, RequestPath path) {
    if (pattern.length != path.size()) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      if (!pattern[i].equals("*") && !pattern[i].equals(path.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static Path resolve(Path base, List<String> segments) {
    Path p = base;
    for (String s : segments) {
      p = p.resolve(s);
    }
    return p.normalize().startsWith(base) ? p : base.resolve(".invalid");
  }

  private static void methodNotAllowed(HttpServerRequest req) {
    req.pause();
    req.response().putHeader("Allow", "GET, HEAD, POST, PUT, DELETE");
    Failures.error(req.response(), 405, "method " + req.method() + " not allowed on " + req.path());
  }

  private void finished(HttpServerRequest req, String label, long start) {
    int status = req.response().getStatusCode();
    metrics.request(label, status);
    accessLog.ifPresent(log -> log.printf("%s %s %s %s %d %d %.1fms%n", clock.instant(), req.remoteAddress(),
        req.method(), req.uri(), status, req.response().bytesWritten(), (System.nanoTime() - start) / 1e6));
  }

  private static byte[] readOpenApi() {
    try (var in = Routes.class.getResourceAsStream("/dev/keel/reposerver/openapi.json")) {
      return in == null ? "{}".getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
