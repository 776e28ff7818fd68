package dev.keel.reposerver;

import dev.keel.reposerver.http.AccessLog;
import dev.keel.reposerver.http.Authenticator;
import dev.keel.reposerver.http.ClientDisconnects;
import dev.keel.reposerver.http.ConnectionGuard;
import dev.keel.reposerver.http.FileRoutes;
import dev.keel.reposerver.http.MetadataWatcher;
import dev.keel.reposerver.http.PublishRoutes;
import dev.keel.reposerver.http.RepoRouter;
import dev.keel.reposerver.http.ServedMetadata;
import dev.keel.reposerver.http.ServerMetrics;
import dev.keel.reposerver.publish.Publisher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Clock;
import java.util.Optional;

/**
 * The HTTP(S) server: metadata (from memory, {@link ServedMetadata}) and targets for hosts, the
 * publishing API for release tooling, and a periodic {@link ExpiryRefresher}. All blocking work
 * runs on two worker pools: {@code uploads} (hashing and writing upload bodies) and {@code
 * publishes} (loading, signing, writing).
 */
public final class RepoServerVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(RepoServerVerticle.class.getName());
  private final ServerConfig config;
  private final ServedMetadata metadata;
  private final MetadataWatcher watcher;
  private final Publisher publisher;
  private final ServerMetrics metrics;
  private final Clock clock;
  private final boolean runsRefresher;
  private final ConnectionGuard.Cap cap;
  private final Optional<AccessLog> accessLog;
  private HttpServer server;
  private WorkerExecutor uploads;
  private WorkerExecutor publishes;
  private long timer = -1;
  private long sweep = -1;
  private long lag = -1;
  // Held by the instance that runs the refresher, so that the filter lives as long as the server.
  private ClientDisconnects disconnects;

  /**
   * @param metadata what all instances serve metadata from
   * @param watcher what keeps {@code metadata} in step with the disk; closed by the instance that
   *     runs the refresher
   * @param runsRefresher whether this instance runs the {@link ExpiryRefresher} and installs the
   *     server-wide {@link ClientDisconnects} filter: exactly one of the instances serving the same
   *     port should
   * @param cap the connection cap all instances share
   * @param accessLog the access log all instances share, if on
   */
  public RepoServerVerticle(
      ServerConfig config,
      ServedMetadata metadata,
      MetadataWatcher watcher,
      Publisher publisher,
      ServerMetrics metrics,
      ConnectionGuard.Cap cap,
      Optional<AccessLog> accessLog,
      Clock clock,
      boolean runsRefresher) {
    this.cap = cap;
    this.accessLog = accessLog;
    this.runsRefresher = runsRefresher;
    this.config = config;
    this.metadata = metadata;
    this.watcher = watcher;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    if (runsRefresher) {
      disconnects = ClientDisconnects.install();
    }
    uploads = vertx.createSharedWorkerExecutor("keel-uploads", 8);
    publishes = vertx.createSharedWorkerExecutor("keel-publishes", 4);
    Authenticator auth = new Authenticator(config.tokens());
    PublishRoutes api =
        new PublishRoutes(
            publisher, auth, metrics, uploads, publishes, config.uploadLimit(), clock);
    FileRoutes files = new FileRoutes(metadata, metrics);
    ConnectionGuard guard = new ConnectionGuard(cap, config.limits());
    sweep = guard.start(vertx);
    lag = metrics.watchEventLoop(vertx);
    RepoRouter router =
        new RepoRouter(
            vertx, config.prefix(), files, api, auth, guard, metrics.registry(), accessLog, clock);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            .setCompressionSupported(false)
            .setHandle100ContinueAutomatically(false)
            // HTTP/1.1 only: no h2c by upgrade or prior knowledge (and no ALPN h2 over TLS).
            .setHttp2ClearTextEnabled(false)
            // Uploads arrive in 64 KiB pieces instead of Netty's 8 KiB: an eighth of the handler
            // calls on the event loop per uploaded GiB (bench/publish).
            .setMaxChunkSize(64 * 1024)
            .setIdleTimeout((int) config.limits().idleTimeout().toSeconds());
    config
        .tls()
        .ifPresent(
            tls ->
                options
                    .setSsl(true)
                    .setKeyCertOptions(
                        new PemKeyCertOptions()
                            .setCertPath(tls.certificate().toString())
                            .setKeyPath(tls.key().toString())));
    ExpiryRefresher refresher =
        new ExpiryRefresher(publisher, metrics, config.refreshMargin(), clock);
    if (runsRefresher) {
      // A first check right away: after downtime, metadata may be close to expiry already.
      timer =
          vertx.setPeriodic(
              1,
              config.refreshInterval().toMillis(),
              id ->
                  publishes
                      .executeBlocking(refresher::check, false)
                      .onFailure(
                          e -> LOG.log(System.Logger.Level.ERROR, "expiry check failed", e)));
    }
    server =
        vertx
            .createHttpServer(options)
            .connectionHandler(guard::connected)
            .requestHandler(router::handle);
    return server.listen();
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (runsRefresher) {
      watcher.close();
    }
    vertx.cancelTimer(sweep);
    vertx.cancelTimer(lag);
    return server
        .close()
        .andThen(
            ar -> {
              uploads.close();
              publishes.close();
            });
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
