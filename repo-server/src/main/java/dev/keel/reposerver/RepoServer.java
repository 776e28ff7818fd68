package dev.keel.reposerver;

import dev.keel.reposerver.http.AccessLog;
import dev.keel.reposerver.http.ConnectionGuard;
import dev.keel.reposerver.http.MetadataWatcher;
import dev.keel.reposerver.http.ServedMetadata;
import dev.keel.reposerver.http.ServerMetrics;
import dev.keel.reposerver.publish.Publisher;
import dev.keel.reposerver.publish.SigningKeys;
import dev.keel.reposerver.store.DevRepository;
import dev.keel.reposerver.store.FileRepositoryStore;
import dev.keel.tuf.model.HashAlgorithm;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code repo-server [CONFIG.toml]}. Without a config file, starts a development repository on
 * loopback in {@link DevRepository#defaultDir} (outside the working tree; {@code $KEEL_REPO_DIR}
 * overrides; port {@code $KEEL_REPO_PORT}; {@code KEEL_ACCESS_LOG=false} silences the access log),
 * creating a root and keys there and printing where. Exit codes: 0 stopped normally, 1 could not
 * start, 2 usage error.
 */
public final class RepoServer {
  private RepoServer() {}

  public static void main(String[] args) {
    RepoServerCommand.main(args);
  }

  /**
   * Starts the server of {@code configFile}, or without one the development repository, and prints
   * where it listens; returns once it does (Vert.x's threads keep the process running).
   */
  static void launch(Optional<Path> configFile) throws Exception {
    ServerConfig config;
    boolean dev = configFile.isEmpty();
    if (dev) {
      Path dir = DevRepository.defaultDir(System.getenv());
      int port = Integer.parseInt(System.getenv().getOrDefault("KEEL_REPO_PORT", "8080"));
      DevRepository.initialise(dir, Clock.systemUTC().instant());
      config =
          ServerConfig.development(dir, port, List.of(DevTokens.ensure(dir)))
              .withAccessLog(!"false".equals(System.getenv("KEEL_ACCESS_LOG")));
    } else {
      config = ServerConfig.parse(configFile.get());
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = newVertx(registry);
    RepoServerVerticle verticle =
        start(vertx, registry, config, Clock.systemUTC())
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    String scheme = config.tls().isPresent() ? "https" : "http";
    String base = scheme + "://" + config.host() + ":" + verticle.actualPort();
    if (dev) {
      System.err.println(
          """
            ************************************************************************
            * DEVELOPMENT REPOSITORY: the root and online keys are UNENCRYPTED in   *
            * %s
            * Anyone who can read that folder can sign updates. Never ship hosts     *
            * trusting this root.json.                                               *
            ************************************************************************"""
              .formatted(config.dataDir().resolve("dev-keys")));
      System.err.println("development repository: " + config.dataDir());
      System.err.println(
          "API token (publish+admin) is in " + config.dataDir().resolve("dev-keys/api-token"));
    }
    System.err.println(
        "metadata base URL: " + base + "/" + config.prefix() + "   (then /<variant>/<arch>/)");
    System.err.println("targets URL:       " + base + "/targets/");
    System.err.println("trusted root:      " + config.dataDir().resolve("root.json"));
    System.err.println("transport:         " + transport(vertx));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> vertx.close().toCompletionStage().toCompletableFuture().join()));
  }

  /**
   * Netty's native epoll transport where its library loads (Linux x86_64, the dependency this
   * module ships), else Java NIO and why.
   */
  static String transport(Vertx vertx) {
    if (vertx.isNativeTransportEnabled()) {
      return "native epoll";
    }
    Throwable cause = vertx.unavailableNativeTransportCause();
    return "Java NIO (native epoll unavailable: "
        + (cause == null ? "netty-transport-native-epoll is not on the class path" : cause)
        + ")";
  }

  /**
   * A Vert.x instance whose HTTP server, worker pool, event loop and JVM meters go to {@code
   * registry}, labelled by route (never by raw path), method and status.
   */
  public static Vertx newVertx(PrometheusMeterRegistry registry) {
    // Native epoll when available: more requests per second than NIO on the same cores
    // (repo-server/README.md).
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            .setNettyMetricsEnabled(true)
            // TCP-level byte counts per write would only repeat the HTTP server's response bytes.
            .setDisabledMetricsCategories(Set.of(MetricsDomain.NET_SERVER.name()))
            .setLabels(
                EnumSet.of(
                    Label.HTTP_ROUTE,
                    Label.HTTP_METHOD,
                    Label.HTTP_CODE,
                    Label.POOL_TYPE,
                    Label.POOL_NAME));
    return Vertx.builder()
        .with(new VertxOptions().setPreferNativeTransport(true).setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /**
   * {@link #start(Vertx, PrometheusMeterRegistry, ServerConfig, Clock)} with a registry of its own.
   */
  public static Future<RepoServerVerticle> start(Vertx vertx, ServerConfig config, Clock clock) {
    return start(vertx, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), config, clock);
  }

  /**
   * Builds the store, publisher and verticles for {@code config} and deploys them: one instance per
   * event loop of Vert.x's default pool, two per core (one with port 0), sharing the listening port
   * (Vert.x balances connections between them), the publisher, the worker pools and the meters in
   * {@code registry} (the one {@link #newVertx} was given, for Vert.x's own meters beside ours).
   * Returns the first.
   *
   * <p>Two per core rather than one: an event loop that the scheduler preempts stalls only its own
   * connections, and with more loops each holds fewer of them. On two cores shared with the load
   * generator, the median p99 of five rounds went from 4.95 to 3.68 ms (nginx: 4.13 and 4.75 ms in
   * the same runs; repo-server/README.md).
   */
  public static Future<RepoServerVerticle> start(
      Vertx vertx, PrometheusMeterRegistry registry, ServerConfig config, Clock clock) {
    return start(vertx, registry, config, clock, VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
  }

  public static Future<RepoServerVerticle> start(
      Vertx vertx,
      PrometheusMeterRegistry registry,
      ServerConfig config,
      Clock clock,
      int instances) {
    return vertx
        .executeBlocking(
            () -> {
              if (!Files.isRegularFile(config.dataDir().resolve("root.json"))) {
                throw new IllegalStateException(
                    "no trusted root at " + config.dataDir().resolve("root.json"));
              }
              Set<HashAlgorithm> algorithms =
                  config.sha512()
                      ? EnumSet.of(HashAlgorithm.SHA256, HashAlgorithm.SHA512)
                      : EnumSet.of(HashAlgorithm.SHA256);
              FileRepositoryStore store =
                  new FileRepositoryStore(config.dataDir(), config.prefix(), algorithms);
              store.clearScratch();
              ServedMetadata metadata = ServedMetadata.load(store);
              Publisher publisher =
                  new Publisher(
                      store,
                      SigningKeys.load(config.signingKeys()),
                      config.expiration(),
                      algorithms,
                      clock);
              return new Shared(
                  metadata,
                  MetadataWatcher.start(metadata),
                  publisher,
                  new ServerMetrics(registry, clock),
                  new ConnectionGuard.Cap(config.limits().maxConnections()),
                  config.accessLog()
                      ? Optional.of(new AccessLog(System.out, registry))
                      : Optional.<AccessLog>empty());
            })
        .compose(
            shared -> {
              RepoServerVerticle first =
                  new RepoServerVerticle(
                      config,
                      shared.metadata(),
                      shared.watcher(),
                      shared.publisher(),
                      shared.metrics(),
                      shared.cap(),
                      shared.accessLog(),
                      clock,
                      true);
              return vertx
                  .deployVerticle(first)
                  .compose(
                      id -> {
                        // Instances share a listening port only when it is a fixed one; port 0
                        // (tests) gets one instance.
                        int count = config.port() == 0 ? 1 : instances;
                        Future<?> more = Future.succeededFuture();
                        for (int i = 1; i < count; i++) {
                          more =
                              more.compose(
                                  v ->
                                      vertx.deployVerticle(
                                          new RepoServerVerticle(
                                              config,
                                              shared.metadata(),
                                              shared.watcher(),
                                              shared.publisher(),
                                              shared.metrics(),
                                              shared.cap(),
                                              shared.accessLog(),
                                              clock,
                                              false)));
                        }
                        return more.map(v -> first);
                      });
            });
  }

  private record Shared(
      ServedMetadata metadata,
      MetadataWatcher watcher,
      Publisher publisher,
      ServerMetrics metrics,
      ConnectionGuard.Cap cap,
      Optional<AccessLog> accessLog) {}
}
