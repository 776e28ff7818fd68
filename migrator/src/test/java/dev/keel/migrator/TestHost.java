package dev.keel.migrator;

import dev.keel.datastore.Committed;
import dev.keel.datastore.FilesystemDatastore;
import dev.keel.datastore.Key;
import dev.keel.manifest.Manifest;
import dev.keel.manifest.MigrationKey;
import dev.keel.manifest.SemVer;
import dev.keel.migrator.datastore.DatastoreLinks;
import dev.keel.migrator.datastore.DatastoreNames;
import dev.keel.migrator.pack.MigrationPack;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.storage.FileSink;
import dev.keel.tuf.testkit.TestRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A simulated host directory for the migrator, with a real signed repository behind it: the
 * repository (tuf-core's TestRepository) publishes manifest.json and LZ4-compressed migrations, and
 * {@link #cache} lays out what updog caches (§3.6): the metadata raw in the metadata directory,
 * including every N.root.json, and the targets as {@code <sha256>.<name>} in the migration
 * directory.
 */
final class TestHost {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  final Path root;
  final Path work;
  final TestRepository repo;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, byte[]> staged = new LinkedHashMap<>();
  private final Random random = new Random(7);

  private TestHost(Path dir) throws Exception {
    this.root = Files.createDirectories(dir.resolve("host"));
    this.work = Files.createDirectories(dir.resolve("work"));
    this.repo = TestRepository.create(dir.resolve("repo"), NOW);
    Files.createDirectories(root.resolve(HostPaths.TRUSTED_ROOT).getParent());
    Files.write(root.resolve(HostPaths.TRUSTED_ROOT), repo.trustedRoot());
  }

  static TestHost create(Path dir) throws Exception {
    return new TestHost(dir);
  }

  HostPaths paths() {
    return HostPaths.under(root);
  }

  Path datastoreDir() {
    return root.resolve(HostPaths.DATASTORE).getParent();
  }

  TestHost osRelease(String version) throws IOException {
    Path f = root.resolve(HostPaths.OS_RELEASE);
    Files.createDirectories(f.getParent());
    Files.writeString(
        f,
        "NAME=Bottlerocket\nID=bottlerocket\nPRETTY_NAME=\"Bottlerocket OS "
            + version
            + " (aws-dev)\"\nVERSION_ID=\""
            + version
            + "\"\nVARIANT_ID=aws-dev\nBUILD_ID=0123abcd\n");
    return this;
  }

  /** A first-boot datastore of {@code version} with {@code live} settings (JSON values). */
  TestHost datastore(String version, Map<String, String> live) throws Exception {
    Files.createDirectories(datastoreDir());
    Path dir =
        new DatastoreLinks(datastoreDir(), new AtomicFiles())
            .create(SemVer.parse(version), new DatastoreNames(new Random(1)));
    FilesystemDatastore ds = FilesystemDatastore.at(dir);
    for (var e : live.entrySet()) {
      ds.set(Key.parse(e.getKey()), e.getValue(), Committed.LIVE);
    }
    return this;
  }

  FilesystemDatastore current() {
    return FilesystemDatastore.at(datastoreDir().resolve(DatastoreLinks.CURRENT));
  }

  /** The live settings of the datastore {@code current} points to. */
  Map<String, String> live() throws Exception {
    Map<String, String> map = new TreeMap<>();
    current().read(Committed.LIVE).data().forEach((k, v) -> map.put(k.name(), v));
    return map;
  }

  SemVer version() throws Exception {
    return new DatastoreLinks(datastoreDir(), new AtomicFiles()).version();
  }

  /** Names of the real datastore directories. */
  List<String> datastoreDirs() throws IOException {
    try (Stream<Path> s = Files.list(datastoreDir())) {
      return s.filter(p -> !Files.isSymbolicLink(p) && Files.isDirectory(p))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  /** Stages a migration executable, published LZ4-compressed under {@code name}. */
  TestHost migration(String name, byte[] executable) throws IOException {
    staged.put(name, MigrationPack.compress(executable));
    return this;
  }

  /** Stages bytes that are already an LZ4 frame, published as they are. */
  TestHost migrationRaw(String name, byte[] lz4) {
    staged.put(name, lz4.clone());
    return this;
  }

  TestHost migration(String name, String script) throws IOException {
    return migration(name, script.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Publishes manifest.json with {@code table} (and the staged migrations), then caches it as updog
   * would.
   */
  TestHost publish(Map<MigrationKey, List<String>> table) throws Exception {
    return publish(Manifest.empty().withMigrations(table).toJson());
  }

  TestHost publish(byte[] manifestJson) throws Exception {
    Path staging = Files.createDirectories(work.resolve("staging-" + random.nextInt(1 << 30)));
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("manifest.json", Files.write(staging.resolve("manifest.json"), manifestJson));
    for (var e : staged.entrySet()) {
      files.put(e.getKey(), Files.write(staging.resolve(e.getKey()), e.getValue()));
    }
    staged.clear();
    repo.publish(
        editor -> {
          for (var f : files.entrySet()) {
            try {
              editor.addTargetFile(
                  RepositoryEditor.TOP_LEVEL_TARGETS,
                  TargetPath.of(f.getKey()),
                  f.getValue(),
                  Set.of(HashAlgorithm.SHA256),
                  Optional.empty());
            } catch (Exception ex) {
              throw new IllegalStateException(ex);
            }
          }
          return editor;
        });
    cache();
    return this;
  }

  /**
   * updog's cache (§3.6): every N.root.json, the newest snapshot and targets, timestamp.json; every
   * target.
   */
  void cache() throws IOException {
    Path meta = Files.createDirectories(root.resolve(HostPaths.METADATA));
    Path migrations = Files.createDirectories(root.resolve(HostPaths.MIGRATIONS));
    List<String> names =
        new ArrayList<>(List.of("timestamp.json", repo.latest("snapshot"), repo.latest("targets")));
    try (Stream<Path> s = Files.list(repo.metadataDir())) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d+\\.root\\.json"))
          .forEach(names::add);
    }
    for (String n : names) {
      Files.copy(
          repo.metadataDir().resolve(n),
          meta.resolve(n),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (Stream<Path> s = Files.list(repo.targetsDir())) {
      for (Path t : s.toList()) {
        Files.copy(
            t,
            migrations.resolve(t.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The cached file of target {@code name} ({@code <sha256>.<name>}). */
  Path cachedTarget(String name) throws IOException {
    try (Stream<Path> s = Files.list(root.resolve(HostPaths.MIGRATIONS))) {
      return s.filter(
              p ->
                  p.getFileName().toString().endsWith("." + name)
                      && p.getFileName().toString().length() == 65 + name.length())
          .findFirst()
          .orElseThrow();
    }
  }

  int migrate(String... extra) {
    return migrate(new AtomicFiles(), Clock.fixed(NOW, ZoneOffset.UTC), extra);
  }

  int migrate(FileSink sink, Clock clock, String... extra) {
    out.reset();
    err.reset();
    List<String> args = new ArrayList<>(List.of("--root", root.toString()));
    args.addAll(List.of(extra));
    if (List.of(extra).stream().noneMatch(a -> a.startsWith("--migrate-to-version"))) {
      args.add("--migrate-to-version-from-os-release");
    }
    return new Migrator(
            clock, new PrintStream(out, true), new PrintStream(err, true), sink, random, work)
        .run(args);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
