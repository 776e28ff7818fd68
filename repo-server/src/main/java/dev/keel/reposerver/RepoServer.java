package dev.keel.reposerver;

import dev.keel.reposerver.http.Metrics;
import dev.keel.reposerver.publish.Publisher;
import dev.keel.reposerver.publish.SigningKeys;
import dev.keel.reposerver.store.DevRepository;
import dev.keel.reposerver.store.FileRepositoryStore;
import dev.keel.tuf.model.HashAlgorithm;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code repo-server [CONFIG.toml]}. Without a config file, starts a development repository on
 * loopback in {@code ./keel-repo} (or {@code $KEEL_REPO_DIR}, port {@code $KEEL_REPO_PORT};
 * {@code KEEL_ACCESS_LOG=false} silences the access log), creating a root and keys there.
 * Exit codes: 0 stopped normally, 1 could not start, 2 usage error.
 */
public final class RepoServer {
  private RepoServer() {}

  public static void main(String[] args) {
    RepoServerCommand.main(args);
  }

  /**
   * Starts the server of {@code configFile}, or without one the development repository, and
   * prints where it listens; returns once it does (Vert.x's threads keep the process running).
   */
  static void launch(Optional<Path> configFile) throws Exception {
      ServerConfig config;
      boolean dev = configFile.isEmpty();
      if (dev) {
        Path dir = Path.of(System.getenv().getOrDefault("KEEL_REPO_DIR", "keel-repo")).toAbsolutePath();
        int port = Integer.parseInt(System.getenv().getOrDefault("KEEL_REPO_PORT", "8080"));
        DevRepository.initialise(dir, Clock.systemUTC().instant());
        config = ServerConfig.development(dir, port, List.of(DevTokens.ensure(dir)))
            .withAccessLog(!"false".equals(System.getenv("KEEL_ACCESS_LOG")));
      } else {
        config = ServerConfig.parse(configFile.get());
      }
      Vertx vertx = Vertx.vertx();
      RepoServerVerticle verticle = start(vertx, config, Clock.systemUTC()).toCompletionStage().toCompletableFuture().get();
      String scheme = config.tls().isPresent() ? "https" : "http";
      String base = scheme + "://" + config.host() + ":" + verticle.actualPort();
      if (dev) {
        System.err.println("""
            ************************************************************************
            * DEVELOPMENT REPOSITORY: the root and online keys are UNENCRYPTED in   *
            * %s
            * Anyone who can read that folder can sign updates. Never ship hosts     *
            * trusting this root.json.                                               *
            ************************************************************************"""
            .formatted(config.dataDir().resolve("dev-keys")));
        System.err.println("API token (publish+admin) is in " + config.dataDir().resolve("dev-keys/api-token"));
      }
      System.err.println("metadata base URL: " + base + "/" + config.prefix() + "   (then /<variant>/<arch>/)");
      System.err.println("targets URL:       " + base + "/targets/");
      System.err.println("trusted root:      " + config.dataDir().resolve("root.json"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().toCompletionStage().toCompletableFuture().join()));
  }

  /**
   * Builds the store, publisher and verticles for {@code config} and deploys them: one instance per
   * core (one with port 0), each with its own event loop, sharing the listening port (Vert.x
   * balances connections between them), the publisher and the worker pools. Returns the first.
   */
  public static Future<RepoServerVerticle> start(Vertx vertx, ServerConfig config, Clock clock) {
    return start(vertx, config, clock, Runtime.getRuntime().availableProcessors());
  }

  public static Future<RepoServerVerticle> start(Vertx vertx, ServerConfig config, Clock clock, int instances) {
    return vertx.executeBlocking(() -> {
      if (!Files.isRegularFile(config.dataDir().resolve("root.json"))) {
        throw new IllegalStateException("no trusted root at " + config.dataDir().resolve("root.json"));
      }
      Set<HashAlgorithm> algorithms = config.sha512() ? EnumSet.of(HashAlgorithm.SHA256, HashAlgorithm.SHA512)
          : EnumSet.of(HashAlgorithm.SHA256);
      FileRepositoryStore store = new FileRepositoryStore(config.dataDir(), config.prefix(), algorithms);
      store.clearScratch();
      Publisher publisher = new Publisher(store, SigningKeys.load(config.signingKeys()), config.expiration(),
          algorithms, clock);
      return new Shared(store, publisher, new Metrics(clock));
    }).compose(shared -> {
      RepoServerVerticle first = new RepoServerVerticle(config, shared.store(), shared.publisher(), shared.metrics(),
          clock, true);
      return vertx.deployVerticle(first).compose(id -> {
        // Instances share a listening port only when it is a fixed one; port 0 (tests) gets one instance.
        int count = config.port() == 0 ? 1 : instances;
        Future<?> more = Future.succeededFuture();
        for (int i = 1; i < count; i++) {
          more = more.compose(v -> vertx.deployVerticle(new RepoServerVerticle(config, shared.store(),
              shared.publisher(), shared.metrics(), clock, false)));
        }
        return more.map(v -> first);
      });
    });
  }

  private record Shared(FileRepositoryStore store, Publisher publisher, Metrics metrics) {}
}
