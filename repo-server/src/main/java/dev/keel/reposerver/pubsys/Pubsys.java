package dev.keel.reposerver.pubsys;

import dev.keel.cli.HelpOptions;
import dev.keel.cli.KeelVersion;
import dev.keel.cli.ToolRunner;
import dev.keel.cli.UsageException;
import dev.keel.manifest.ExpirationPolicy;
import dev.keel.manifest.ManifestException;
import dev.keel.manifest.MigrationKey;
import dev.keel.reposerver.publish.NamedUpload;
import dev.keel.reposerver.publish.Permission;
import dev.keel.reposerver.publish.PublishRequest;
import dev.keel.reposerver.publish.PublishResult;
import dev.keel.reposerver.publish.Publisher;
import dev.keel.reposerver.publish.RoleExpiry;
import dev.keel.reposerver.publish.SigningKeys;
import dev.keel.reposerver.publish.ValidationReport;
import dev.keel.reposerver.publish.WaveChoice;
import dev.keel.reposerver.store.FileRepositoryStore;
import dev.keel.reposerver.store.PublishException;
import dev.keel.reposerver.store.RepositoryId;
import dev.keel.reposerver.store.Upload;
import dev.keel.tuf.error.InvalidTargetPathException;
import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.storage.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code pubsys} with the original's repo subcommands and flag names: {@code repo}, {@code
 * refresh-repo}, {@code validate-repo}, {@code check-repo-expirations}. Works offline on a
 * repository directory ({@code --outdir}, laid out as pubsys's: {@code <outdir>/<variant>/<arch>/}
 * and {@code <outdir>/targets/}) or through a running repo-server ({@code --server URL --token T}).
 * Exit codes: 0 success, 1 error, 2 usage error; {@code check-repo-expirations} exits 1 when a role
 * expires before the limit.
 */
@Command(
    name = "pubsys",
    versionProvider = KeelVersion.class,
    description =
        "Publish and maintain Bottlerocket-style update repositories, offline on --outdir or through a "
            + "running repo-server (--server URL --token TOKEN).",
    subcommands = {
      Pubsys.Repo.class,
      Pubsys.RefreshRepo.class,
      Pubsys.ValidateRepo.class,
      Pubsys.CheckRepoExpirations.class
    },
    footer = {
      "",
      "With --server, the repository is the server's: --outdir, --root-role-path and --default-key-path "
          + "are not used.",
      "Times are RFC 3339, 'now', or phrases like 'in 7 days'.",
      "Exit codes: 0 success, 1 error (check-repo-expirations: a role expires before the limit), 2 usage error."
    })
public final class Pubsys {
  @Mixin HelpOptions help;

  @Option(
      names = "--server",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "work through this repo-server's API instead of on --outdir")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      scope = ScopeType.INHERIT,
      description = "the API token for --server")
  String token;

  @Option(
      names = "--infra-config-path",
      paramLabel = "PATH",
      scope = ScopeType.INHERIT,
      description = "accepted for the original's command lines; not used")
  Path infraConfigPath;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      scope = ScopeType.INHERIT,
      description = "accepted for the original's command lines; not used")
  String logLevel;

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  /**
   * The system clock and streams; also how the build's completion and man page generators build the
   * command.
   */
  Pubsys() {
    this(System.out, System.err, Clock.systemUTC());
  }

  Pubsys(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  public static void main(String[] args) {
    System.exit(new Pubsys().run(Arrays.asList(args)));
  }

  int run(List<String> args) {
    return new ToolRunner("pubsys", clock, out, err).execute(this, args);
  }

  /** The server's API client, or empty to work offline. */
  private Optional<ServerClient> serverClient() throws UsageException {
    if (server == null) {
      return Optional.empty();
    }
    if (token == null) {
      throw new UsageException("--server needs --token");
    }
    return Optional.of(new ServerClient(server, token, err, System.console() != null));
  }

  /** The repository every command works on: {@code --variant} and {@code --arch}. */
  static final class Identity {
    @Option(
        names = "--repo",
        paramLabel = "NAME",
        defaultValue = "default",
        description = "the repository's name in the original's Infra.toml; accepted, not used")
    String repo;

    @Option(
        names = "--variant",
        required = true,
        paramLabel = "VARIANT",
        description = "e.g. aws-k8s-1.31")
    String variant;

    @Option(names = "--arch", required = true, paramLabel = "ARCH", description = "e.g. x86_64")
    String arch;

    RepositoryId id() throws UsageException {
      try {
        return new RepositoryId(variant, arch);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }

  /** The repository directory of the offline commands. */
  static final class Offline {
    @Option(
        names = "--outdir",
        paramLabel = "DIR",
        description = "the repositories (offline; required without --server)")
    Path outdir;

    @Option(
        names = "--root-role-path",
        paramLabel = "PATH",
        description = "the trusted root.json (offline)")
    Path root;

    @Option(
        names = "--repo-expiration-policy-path",
        paramLabel = "PATH",
        description = "expiration policy TOML (default: 2 weeks, 2 weeks, 1 week)")
    Path expirationPolicy;

    private Local open(Pubsys pubsys, Path signingKey, boolean signing)
        throws UsageException, KeyException, IOException, ManifestException {
      Path dir = required(outdir, "--outdir");
      Path rootFile = required(root, "--root-role-path");
      Set<HashAlgorithm> algorithms = EnumSet.of(HashAlgorithm.SHA256);
      FileRepositoryStore store =
          new FileRepositoryStore(dir, "", rootFile, algorithms, new AtomicFiles());
      ExpirationPolicy policy =
          expirationPolicy != null
              ? ExpirationPolicy.parse(
                  Files.readString(expirationPolicy), expirationPolicy.toString())
              : ExpirationPolicy.defaultPolicy();
      SigningKeys keys =
          signing
              ? SigningKeys.load(List.of(required(signingKey, "--default-key-path").toString()))
              : new SigningKeys(List.of(new NoSigner()));
      return new Local(store, new Publisher(store, keys, policy, algorithms, pubsys.clock));
    }
  }

  private record Local(FileRepositoryStore store, Publisher publisher) {}

  @Command(
      name = "repo",
      description = "Publish a release: the three images, extra targets and manifest.json.")
  static final class Repo implements Callable<Integer> {
    @ParentCommand Pubsys pubsys;
    @Mixin Identity identity;
    @Mixin Offline offline;
    @Mixin Release release;

    @Option(
        names = "--default-key-path",
        paramLabel = "PATH",
        description = "the signing key (offline)")
    Path signingKey;

    @Override
    public Integer call() throws Exception {
      RepositoryId id = identity.id();
      Optional<ServerClient> client = pubsys.serverClient();
      if (client.isPresent()) {
        return client.get().publish(id, release, pubsys.out);
      }
      Local local = offline.open(pubsys, signingKey, true);
      try {
        List<NamedUpload> extra = new ArrayList<>();
        for (Path p : release.extraTargets()) {
          extra.add(pubsys.receive(local.store(), p));
        }
        WaveChoice waves =
            release.wavePolicy != null
                ? PublishRequest.wavesFromToml(
                    Files.readString(release.wavePolicy), release.wavePolicy.toString())
                : PublishRequest.namedWaves("default");
        Optional<Map<MigrationKey, List<String>>> migrations =
            release.releaseConfig != null
                ? Optional.of(
                    PublishRequest.releaseTomlMigrations(
                        Files.readString(release.releaseConfig), release.releaseConfig.toString()))
                : Optional.empty();
        PublishRequest request =
            new PublishRequest(
                id,
                PublishRequest.parseVersion(release.version, "--version"),
                Optional.empty(),
                pubsys.receive(local.store(), release.bootImage),
                pubsys.receive(local.store(), release.rootImage),
                pubsys.receive(local.store(), release.hashImage),
                extra,
                waves,
                Optional.ofNullable(release.startTime),
                migrations);
        PublishResult r =
            local.publisher().publish(request, Permission.ADMIN); // the key holder may do anything
        pubsys.out.println(
            "published "
                + request.version()
                + " to "
                + id
                + ": targets v"
                + r.targetsVersion()
                + ", snapshot v"
                + r.snapshotVersion()
                + ", timestamp v"
                + r.timestampVersion());
        pubsys.out.println("metadata: " + local.store().metadataDir(id));
        pubsys.out.println("targets:  " + local.store().targetsDir());
        return 0;
      } finally {
        // The targets directory holds hard links to the received files; the staging copies can go.
        for (String sub : List.of("uploads", "staging", "work")) {
          deleteTree(local.store().dataDir().resolve(sub));
        }
      }
    }
  }

  /** What a release is made of: {@code pubsys repo}'s own options. */
  static final class Release {
    @Option(
        names = "--version",
        required = true,
        paramLabel = "VERSION",
        description = "the release, e.g. 1.20.0 or v1.20.0")
    String version;

    @Option(names = "--boot-image", required = true, paramLabel = "PATH")
    Path bootImage;

    @Option(names = "--root-image", required = true, paramLabel = "PATH")
    Path rootImage;

    @Option(names = "--hash-image", required = true, paramLabel = "PATH")
    Path hashImage;

    @Option(
        names = "--link-target",
        paramLabel = "PATH",
        description = "an extra target (repeatable)")
    List<Path> linkTargets = List.of();

    @Option(
        names = "--copy-target",
        paramLabel = "PATH",
        description = "an extra target, e.g. a migration (repeatable)")
    List<Path> copyTargets = List.of();

    @Option(
        names = "--wave-policy-path",
        paramLabel = "PATH",
        description = "wave policy TOML (default: the default waves)")
    Path wavePolicy;

    @Option(
        names = "--release-start-time",
        paramLabel = "TIME",
        description = "when the waves start (default: now)")
    Instant startTime;

    @Option(
        names = "--release-config-path",
        paramLabel = "PATH",
        description = "Release.toml, for the migrations")
    Path releaseConfig;

    List<Path> extraTargets() {
      List<Path> all = new ArrayList<>(linkTargets);
      all.addAll(copyTargets);
      return all;
    }
  }

  @Command(
      name = "refresh-repo",
      description = "Re-sign snapshot, targets and timestamp with new expiries and versions.")
  static final class RefreshRepo implements Callable<Integer> {
    @ParentCommand Pubsys pubsys;
    @Mixin Identity identity;
    @Mixin Offline offline;

    @Option(
        names = "--default-key-path",
        paramLabel = "PATH",
        description = "the signing key (offline)")
    Path signingKey;

    @Option(
        names = "--unsafe-refresh",
        description = "refresh even if the repository does not verify (expired)")
    boolean unsafe;

    @Override
    public Integer call() throws Exception {
      RepositoryId id = identity.id();
      Optional<ServerClient> client = pubsys.serverClient();
      if (client.isPresent()) {
        return client.get().refresh(id, unsafe, pubsys.out);
      }
      PublishResult r = offline.open(pubsys, signingKey, true).publisher().refresh(id, unsafe);
      pubsys.out.println(
          "refreshed "
              + id
              + ": targets v"
              + r.targetsVersion()
              + ", snapshot v"
              + r.snapshotVersion()
              + ", timestamp v"
              + r.timestampVersion());
      return 0;
    }
  }

  @Command(
      name = "validate-repo",
      description =
          "Load the repository verified; with --validate-targets, "
              + "download and check every target.")
  static final class ValidateRepo implements Callable<Integer> {
    @ParentCommand Pubsys pubsys;
    @Mixin Identity identity;
    @Mixin Offline offline;

    @Option(names = "--validate-targets", description = "also download and verify every target")
    boolean targets;

    @Override
    public Integer call() throws Exception {
      RepositoryId id = identity.id();
      Optional<ServerClient> client = pubsys.serverClient();
      if (client.isPresent()) {
        return client.get().validate(id, targets, pubsys.out);
      }
      ValidationReport r = offline.open(pubsys, null, false).publisher().validate(id, targets);
      pubsys.out.println(
          id
              + " is valid: timestamp v"
              + r.timestampVersion()
              + ", "
              + r.targetsListed()
              + " targets"
              + (targets
                  ? ", "
                      + r.targetsDownloaded()
                      + " downloaded and verified ("
                      + r.bytesVerified()
                      + " bytes)"
                  : ""));
      return 0;
    }
  }

  @Command(
      name = "check-repo-expirations",
      description = "List each role's expiry; exit 1 when one expires " + "before the limit.")
  static final class CheckRepoExpirations implements Callable<Integer> {
    @ParentCommand Pubsys pubsys;
    @Mixin Identity identity;
    @Mixin Offline offline;

    @Option(
        names = "--expiration-limit",
        required = true,
        paramLabel = "TIME",
        description = "e.g. 'in 7 days'")
    Instant limit;

    @Override
    public Integer call() throws Exception {
      RepositoryId id = identity.id();
      Optional<ServerClient> client = pubsys.serverClient();
      if (client.isPresent()) {
        return client.get().expirations(id, limit, pubsys.out);
      }
      List<RoleExpiry> roles = offline.open(pubsys, null, false).publisher().expirations(id);
      boolean any = false;
      for (RoleExpiry r : roles) {
        boolean soon = r.expiresBefore(limit);
        any |= soon;
        pubsys.out.println(
            r.role()
                + " v"
                + r.version()
                + " expires "
                + r.expires()
                + (soon ? "  (before " + limit + ")" : ""));
      }
      return any ? 1 : 0;
    }
  }

  private NamedUpload receive(FileRepositoryStore store, Path file)
      throws IOException, PublishException, UsageException {
    try (InputStream in =
        Progress.wrap(
            Files.newInputStream(file),
            file.getFileName().toString(),
            Files.size(file),
            err,
            System.console() != null)) {
      Upload u = store.receive(in, Long.MAX_VALUE);
      return new NamedUpload(TargetPath.of(file.getFileName().toString()), u.sha256());
    } catch (InvalidTargetPathException e) {
      throw new UsageException(file + ": not a valid target name: " + e.getMessage());
    }
  }

  private static <T> T required(T value, String option) throws UsageException {
    if (value == null) {
      throw new UsageException("missing required option " + option + " (or work through --server)");
    }
    return value;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // scratch space
    }
  }

  /** Stands in for keys in read-only commands, which never sign. */
  private static final class NoSigner implements dev.keel.tuf.crypto.Signer {
    @Override
    public dev.keel.tuf.model.Key publicKey() {
      throw new UnsupportedOperationException("read-only command");
    }

    @Override
    public String keyId() {
      return "none";
    }

    @Override
    public byte[] sign(byte[] message) {
      throw new UnsupportedOperationException("read-only command");
    }
  }
}
