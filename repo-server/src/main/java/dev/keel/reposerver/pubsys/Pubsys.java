package dev.keel.reposerver.pubsys;

import dev.keel.cli.TimeArgument;
import dev.keel.cli.CommandLine;
import dev.keel.cli.UsageException;
import dev.keel.manifest.ExpirationPolicy;
import dev.keel.manifest.ManifestException;
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
import java.util.stream.Stream;

/**
 * {@code pubsys} with the original's repo subcommands and flag names: {@code repo},
 * {@code refresh-repo}, {@code validate-repo}, {@code check-repo-expirations}. Works offline on a
 * repository directory ({@code --outdir}, laid out as pubsys's: {@code <outdir>/<variant>/<arch>/}
 * and {@code <outdir>/targets/}) or through a running repo-server ({@code --server URL --token T}).
 * Exit codes: 0 success, 1 error, 2 usage error; {@code check-repo-expirations} exits 1 when a role
 * expires before the limit.
 */
public final class Pubsys {
  private static final Set<String> VALUES = Set.of("--repo", "--arch", "--version", "--variant", "--boot-image",
      "--root-image", "--hash-image", "--link-target", "--copy-target", "--repo-expiration-policy-path",
      "--release-config-path", "--wave-policy-path", "--release-start-time", "--root-role-path",
      "--default-key-path", "--outdir", "--expiration-limit", "--server", "--token", "--infra-config-path",
      "--log-level");
  private static final Set<String> FLAGS = Set.of("--validate-targets", "--unsafe-refresh", "-h/--help");
  private static final String USAGE = """
      usage: pubsys [--server URL --token TOKEN] COMMAND [options]
        repo --variant V --arch A --version X --boot-image P --root-image P --hash-image P
             [--link-target P]... [--copy-target P]... [--wave-policy-path P] [--release-start-time T]
             [--release-config-path Release.toml] [--repo-expiration-policy-path P]
             --root-role-path root.json --default-key-path key.pem --outdir DIR
        refresh-repo --variant V --arch A --root-role-path P --default-key-path P --outdir DIR
             [--repo-expiration-policy-path P] [--unsafe-refresh]
        validate-repo --variant V --arch A --root-role-path P --outdir DIR [--validate-targets]
        check-repo-expirations --variant V --arch A --root-role-path P --outdir DIR --expiration-limit T
      With --server, the repository is the server's: --outdir, --root-role-path and --default-key-path
      are not used.""";

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  Pubsys(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  public static void main(String[] args) {
    System.exit(new Pubsys(System.out, System.err, Clock.systemUTC()).run(Arrays.asList(args)));
  }

  int run(List<String> args) {
    try {
      CommandLine cl = CommandLine.parse(args, VALUES, FLAGS);
      if (cl.flag("-h/--help")) {
        out.println(USAGE);
        return 0;
      }
      cl.expectPositionals(1, 1, "pubsys COMMAND [options] (repo, refresh-repo, validate-repo, check-repo-expirations)");
      String command = cl.positional(0, "COMMAND");
      Optional<String> server = cl.value("--server");
      if (server.isPresent()) {
        ServerClient client = new ServerClient(server.get(), cl.required("--token"), err, System.console() != null, clock);
        return client.run(command, cl, out);
      }
      return switch (command) {
        case "repo" -> repo(cl);
        case "refresh-repo" -> refresh(cl);
        case "validate-repo" -> validate(cl);
        case "check-repo-expirations" -> checkExpirations(cl);
        default -> throw new UsageException("unknown command '" + command + "'\n" + USAGE);
      };
    } catch (UsageException e) {
      err.println("pubsys: " + e.getMessage());
      return 2;
    } catch (java.nio.file.NoSuchFileException e) {
      err.println("pubsys: no such file: " + e.getMessage());
      return 1;
    } catch (PublishException | KeyException | IOException | ManifestException e) {
      err.println("pubsys: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private int repo(CommandLine cl) throws UsageException, PublishException, KeyException, IOException,
      ManifestException, InterruptedException {
    RepositoryId id = repositoryId(cl);
    Offline offline = offline(cl, true);
    List<NamedUpload> extra = new ArrayList<>();
    for (String p : concat(cl.all("--link-target"), cl.all("--copy-target"))) {
      extra.add(receive(offline.store(), Path.of(p)));
    }
    WaveChoice waves = cl.value("--wave-policy-path").isPresent()
        ? PublishRequest.wavesFromToml(Files.readString(Path.of(cl.required("--wave-policy-path"))),
            cl.required("--wave-policy-path"))
        : PublishRequest.namedWaves("default");
    Optional<Instant> start = cl.value("--release-start-time").isPresent()
        ? Optional.of(time(cl.required("--release-start-time"))) : Optional.empty();
    var migrations = cl.value("--release-config-path").isPresent()
        ? Optional.of(PublishRequest.releaseTomlMigrations(
            Files.readString(Path.of(cl.required("--release-config-path"))), cl.required("--release-config-path")))
        : Optional.<Map<dev.keel.manifest.MigrationKey, List<String>>>empty();
    PublishRequest request = new PublishRequest(id, PublishRequest.parseVersion(cl.required("--version"), "--version"),
        Optional.empty(), receive(offline.store(), Path.of(cl.required("--boot-image"))),
        receive(offline.store(), Path.of(cl.required("--root-image"))),
        receive(offline.store(), Path.of(cl.required("--hash-image"))), extra, waves, start, migrations);
    try {
      PublishResult r = offline.publisher().publish(request, Permission.ADMIN);  // the key holder may do anything
      out.println("published " + request.version() + " to " + id + ": targets v" + r.targetsVersion() + ", snapshot v"
          + r.snapshotVersion() + ", timestamp v" + r.timestampVersion());
      out.println("metadata: " + offline.store().metadataDir(id));
      out.println("targets:  " + offline.store().targetsDir());
      return 0;
    } finally {
      // The targets directory holds hard links to the received files; the staging copies can go.
      for (String sub : List.of("uploads", "staging", "work")) {
        deleteTree(offline.store().dataDir().resolve(sub));
      }
    }
  }

  private int refresh(CommandLine cl) throws UsageException, PublishException, KeyException, IOException,
      ManifestException {
    RepositoryId id = repositoryId(cl);
    PublishResult r = offline(cl, true).publisher().refresh(id, cl.flag("--unsafe-refresh"));
    out.println("refreshed " + id + ": targets v" + r.targetsVersion() + ", snapshot v" + r.snapshotVersion()
        + ", timestamp v" + r.timestampVersion());
    return 0;
  }

  private int validate(CommandLine cl) throws UsageException, PublishException, KeyException, IOException,
      ManifestException {
    RepositoryId id = repositoryId(cl);
    ValidationReport r = offline(cl, false).publisher().validate(id, cl.flag("--validate-targets"));
    out.println(id + " is valid: timestamp v" + r.timestampVersion() + ", " + r.targetsListed() + " targets"
        + (cl.flag("--validate-targets") ? ", " + r.targetsDownloaded() + " downloaded and verified ("
            + r.bytesVerified() + " bytes)" : ""));
    return 0;
  }

  private int checkExpirations(CommandLine cl) throws UsageException, PublishException, KeyException, IOException,
      ManifestException {
    RepositoryId id = repositoryId(cl);
    Instant limit = time(cl.required("--expiration-limit"));
    List<RoleExpiry> roles = offline(cl, false).publisher().expirations(id);
    boolean any = false;
    for (RoleExpiry r : roles) {
      boolean soon = r.expiresBefore(limit);
      any |= soon;
      out.println(r.role() + " v" + r.version() + " expires " + r.expires() + (soon ? "  (before " + limit + ")" : ""));
    }
    return any ? 1 : 0;
  }

  private record Offline(FileRepositoryStore store, Publisher publisher) {}

  private Offline offline(CommandLine cl, boolean signing) throws UsageException, KeyException, IOException,
      ManifestException {
    Path outdir = Path.of(cl.required("--outdir"));
    Path root = Path.of(cl.required("--root-role-path"));
    Set<HashAlgorithm> algorithms = EnumSet.of(HashAlgorithm.SHA256);
    FileRepositoryStore store = new FileRepositoryStore(outdir, "", root, algorithms, new AtomicFiles());
    ExpirationPolicy policy = cl.value("--repo-expiration-policy-path").isPresent()
        ? ExpirationPolicy.parse(Files.readString(Path.of(cl.required("--repo-expiration-policy-path"))),
            cl.required("--repo-expiration-policy-path"))
        : ExpirationPolicy.defaultPolicy();
    SigningKeys keys = signing ? SigningKeys.load(List.of(cl.required("--default-key-path")))
        : new SigningKeys(List.of(new NoSigner()));
    return new Offline(store, new Publisher(store, keys, policy, algorithms, clock));
  }

  private NamedUpload receive(FileRepositoryStore store, Path file) throws IOException, PublishException,
      UsageException {
    try (InputStream in = Progress.wrap(Files.newInputStream(file), file.getFileName().toString(), Files.size(file),
        err, System.console() != null)) {
      Upload u = store.receive(in, Long.MAX_VALUE);
      return new NamedUpload(TargetPath.of(file.getFileName().toString()), u.sha256());
    } catch (InvalidTargetPathException e) {
      throw new UsageException(file + ": not a valid target name: " + e.getMessage());
    }
  }

  static RepositoryId repositoryId(CommandLine cl) throws UsageException {
    try {
      return new RepositoryId(cl.required("--variant"), cl.required("--arch"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** RFC 3339, or "in 7 days" / "7 days" from now (pubsys accepts "in X"). */
  Instant time(String text) throws UsageException {
    return TimeArgument.parse(text, clock);
  }


  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
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
