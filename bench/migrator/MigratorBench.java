import dev.keel.datastore.Committed;
import dev.keel.datastore.FilesystemDatastore;
import dev.keel.datastore.Key;
import dev.keel.manifest.Manifest;
import dev.keel.manifest.MigrationKey;
import dev.keel.manifest.SemVer;
import dev.keel.migration.MigrationSteps;
import dev.keel.migrator.HostPaths;
import dev.keel.migrator.datastore.DatastoreLinks;
import dev.keel.migrator.datastore.DatastoreNames;
import dev.keel.migrator.pack.MigrationJar;
import dev.keel.migrator.pack.MigrationPack;
import dev.keel.tuf.crypto.KeyPairs;
import dev.keel.tuf.crypto.KeyScheme;
import dev.keel.tuf.crypto.Signatures;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.RoleKeys;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.Signed;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.repo.RepositoryWriter;
import dev.keel.tuf.storage.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sets up a simulated host for bench/migrator/run.sh:
 *
 * <pre>
 * MigratorBench setup HOST KEYS sdk|shell   # datastore 1.0.0 with KEYS keys, os-release 1.3.0, a signed cache
 * </pre>
 *
 * Three hops, one migration each: 1.0.0 -> 1.1.0 adds a setting, 1.1.0 -> 1.2.0 renames one,
 * 1.2.0 -> 1.3.0 replaces a value. "sdk": migrations packed with the SDK (a JVM each); "shell":
 * shell scripts that only {@code cp -a} the datastore, to show the migrator's own cost.
 */
public final class MigratorBench {
  public static void main(String[] args) throws Exception {
    if (args.length != 4 || !args[0].equals("setup")) {
      throw new IllegalArgumentException("usage: MigratorBench setup HOST KEYS sdk|shell");
    }
    setup(Path.of(args[1]), Integer.parseInt(args[2]), args[3].equals("sdk"));
  }

  static void setup(Path host, int keys, boolean sdk) throws Exception {
    HostPaths paths = HostPaths.under(host);
    Path repo = host.resolve("repo");
    Files.createDirectories(repo.resolve("staging"));
    SigningKey key = KeyPairs.generate(KeyScheme.ED25519, new SecureRandom());
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    for (RoleType role : RoleType.values()) {
      roles.put(role.jsonName(), new RoleKeys(List.of(key.keyId()), 1));
    }
    Instant now = Instant.now();
    Root root = new Root(Signed.SPEC_VERSION, true, 1, now.plus(Duration.ofDays(365)),
        Map.of(key.keyId(), key.publicKey()), roles, Map.of());
    byte[] rootFile = Signatures.signedFile(root, List.of(key));

    String[][] hops = {{"1.0.0", "1.1.0", "add\tsettings.motd\t\"Welcome\""},
        {"1.1.0", "1.2.0", "rename\tsettings.group0.key0\tsettings.group0.renamed"},
        {"1.2.0", "1.3.0", "replace\tsettings.group1.key1\t\"value 1\"\t\"changed\""}};
    Map<MigrationKey, List<String>> table = new LinkedHashMap<>();
    RepositoryEditor editor = RepositoryEditor.create(rootFile);
    for (String[] hop : hops) {
      String name = "migrate_v" + hop[1] + "_step.lz4";
      byte[] executable = sdk
          ? MigrationJar.build(MigrationSteps.class.getName(), MigrationJar.sdkClasspath(),
              Map.of(MigrationSteps.RESOURCE, (hop[2] + "\n").getBytes(StandardCharsets.UTF_8)))
          : "#!/bin/sh\nexec cp -a \"$3\" \"$5\"\n".getBytes(StandardCharsets.US_ASCII);
      Path staged = Files.write(repo.resolve("staging").resolve(name), MigrationPack.compress(executable));
      editor.addTargetFile(RepositoryEditor.TOP_LEVEL_TARGETS, TargetPath.of(name), staged, Set.of(HashAlgorithm.SHA256),
          Optional.empty());
      table.put(new MigrationKey(SemVer.parse(hop[0]), SemVer.parse(hop[1])), List.of(name));
    }
    Path manifest = Files.write(repo.resolve("staging/manifest.json"), Manifest.empty().withMigrations(table).toJson());
    editor.addTargetFile(RepositoryEditor.TOP_LEVEL_TARGETS, TargetPath.of("manifest.json"), manifest,
        Set.of(HashAlgorithm.SHA256), Optional.empty());
    Instant expires = now.plus(Duration.ofDays(30));
    editor.expires(RepositoryEditor.TOP_LEVEL_TARGETS, expires).snapshotExpires(expires).timestampExpires(expires);
    // What updog caches (§3.6): metadata raw, targets as <sha256>.<name>.
    new RepositoryWriter(new AtomicFiles()).write(editor.sign(List.of(key)), paths.metadata(), paths.migrations(),
        RepositoryWriter.TargetPlacement.COPY, RepositoryWriter.ExistingTarget.REPLACE);
    Files.createDirectories(paths.trustedRoot().getParent());
    Files.write(paths.trustedRoot(), rootFile);
    Files.createDirectories(paths.osRelease().getParent());
    Files.writeString(paths.osRelease(), "ID=bottlerocket\nVERSION_ID=1.3.0\n");

    Files.createDirectories(paths.datastore().getParent());
    Path ds = new DatastoreLinks(paths.datastore().getParent(), new AtomicFiles())
        .create(SemVer.parse("1.0.0"), new DatastoreNames(new SecureRandom()));
    FilesystemDatastore store = FilesystemDatastore.at(ds);
    for (int i = 0; i < keys; i++) {
      store.set(Key.parse("settings.group" + (i % 100) + ".key" + i), "\"value " + i + "\"", Committed.LIVE);
    }
    try (Stream<Path> s = Files.walk(repo)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    System.out.println("host " + host + ": datastore 1.0.0 with " + keys + " keys, 3 hops of " + (sdk ? "SDK" : "shell")
        + " migrations to 1.3.0");
  }
}
