package dev.keel.tuftool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.model.DelegatedRole;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.testkit.RepositoryServer;
import dev.keel.tuf.testkit.TestKeys;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuftool download} and {@code tuftool clone} against repositories our editor wrote. */
class DownloadCommandTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int tuftool(String... args) {
    err.reset();
    return new Tuftool(
            Clock.fixed(NOW, ZoneOffset.UTC),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of(args));
  }

  private static TestRepository repository(Path dir) throws Exception {
    SigningKey images = TestKeys.ed25519("images");
    TestRepository repo =
        TestRepository.create(dir, NOW)
            .addTarget("a.txt", "aaa".getBytes())
            .addTarget("dir/b.txt", "bbb".getBytes());
    Path staged = dir.resolve("staging-img");
    Files.writeString(staged, "image");
    repo.publish(
        e -> {
          e.delegate(
              RepositoryEditor.TOP_LEVEL_TARGETS,
              DelegatedRole.withPaths(
                  "images", List.of(images.keyId()), 1, false, List.of("images/*")),
              Map.of(images.keyId(), images.publicKey()),
              NOW.plusSeconds(86400));
          try {
            e.addTargetFile(
                "images",
                new TargetPath("images/x.img"),
                staged,
                Set.of(HashAlgorithm.SHA256),
                Optional.empty());
          } catch (StorageException ex) {
            throw new IllegalStateException(ex);
          }
          return e;
        },
        List.of(images));
    return repo;
  }

  private static Set<String> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void downloadWithoutNamesFetchesTheTopLevelTargetsAsTheOriginalDoes(@TempDir Path dir)
      throws Exception {
    TestRepository repo = repository(dir.resolve("repo"));
    Path out = dir.resolve("out");
    assertEquals(
        0,
        tuftool(
            "download",
            out.toString(),
            "-r",
            repo.metadataDir().resolve("1.root.json").toString(),
            "-m",
            repo.metadataUri().toString(),
            "-t",
            repo.targetsUri().toString()),
        err.toString());
    assertEquals(Set.of("a.txt", "dir/b.txt"), files(out));
    // A delegated target is downloaded by name.
    assertEquals(
        0,
        tuftool(
            "download",
            dir.resolve("images").toString(),
            "-r",
            repo.metadataDir().resolve("1.root.json").toString(),
            "-m",
            repo.metadataUri().toString(),
            "-t",
            repo.targetsUri().toString(),
            "-n",
            "images/x.img"),
        err.toString());
    assertEquals("image", Files.readString(dir.resolve("images/images/x.img")));
  }

  @Test
  void anExistingOutputFolderIsAnErrorNotAUsageError(@TempDir Path dir) throws Exception {
    TestRepository repo = repository(dir.resolve("repo"));
    Path out = Files.createDirectories(dir.resolve("out"));
    assertEquals(
        1,
        tuftool(
            "download",
            out.toString(),
            "-r",
            repo.metadataDir().resolve("1.root.json").toString(),
            "-m",
            repo.metadataUri().toString(),
            "-t",
            repo.targetsUri().toString()));
    assertTrue(err.toString().contains(out + ": already exists"), err.toString());
  }

  @Test
  void downloadsNamedTargetsOverHttpWithADownloadedRoot(@TempDir Path dir) throws Exception {
    TestRepository repo = repository(dir.resolve("repo"));
    Path out = dir.resolve("out");
    try (RepositoryServer server = RepositoryServer.serve(dir.resolve("repo"))) {
      assertEquals(
          0,
          tuftool(
              "download",
              out.toString(),
              "--allow-root-download",
              "-v",
              "1",
              "-m",
              server.url("metadata").toString(),
              "-t",
              server.url("targets").toString(),
              "-n",
              "dir/b.txt"),
          err.toString());
      assertEquals(Set.of("dir/b.txt"), files(out));
      assertTrue(err.toString().contains("without verification"));
    }
    assertEquals(
        2,
        tuftool(
            "download",
            dir.resolve("o2").toString(),
            "-m",
            repo.metadataUri().toString(),
            "-t",
            repo.targetsUri().toString()));
    assertEquals(
        1,
        tuftool(
            "download",
            dir.resolve("o3").toString(),
            "-r",
            repo.metadataDir().resolve("1.root.json").toString(),
            "-m",
            repo.metadataUri().toString(),
            "-t",
            repo.targetsUri().toString(),
            "-n",
            "nope.txt"));
  }

  @Test
  void downloadRefusesTamperedTargets(@TempDir Path dir) throws Exception {
    TestRepository repo = repository(dir.resolve("repo"));
    try (Stream<Path> targets = Files.list(repo.targetsDir())) {
      Path a =
          targets
              .filter(p -> p.getFileName().toString().endsWith(".a.txt"))
              .findFirst()
              .orElseThrow();
      Files.writeString(a, "evl");
    }
    assertEquals(
        1,
        tuftool(
            "download",
            dir.resolve("out").toString(),
            "-r",
            repo.metadataDir().resolve("1.root.json").toString(),
            "-m",
            repo.metadataUri().toString(),
            "-t",
            repo.targetsUri().toString(),
            "-n",
            "a.txt"));
    assertTrue(err.toString().contains("a.txt"), err.toString());
    assertFalse(Files.exists(dir.resolve("out/a.txt")));
  }

  @Test
  void cloneWritesAServableCopyWithTheRootChain(@TempDir Path dir) throws Exception {
    TestRepository repo = repository(dir.resolve("repo"));
    repo.rotateKey(RoleType.ROOT, TestKeys.ed25519("root-2"));
    Path md = dir.resolve("clone/metadata");
    Path td = dir.resolve("clone/targets");
    assertEquals(
        0,
        tuftool(
            "clone",
            "--metadata-dir",
            md.toString(),
            "--targets-dir",
            td.toString(),
            "-r",
            repo.metadataDir().resolve("1.root.json").toString(),
            "-m",
            repo.metadataUri().toString(),
            "-t",
            repo.targetsUri().toString()),
        err.toString());
    String snapshot = repo.latest("snapshot");
    assertEquals(
        Set.of(
            "1.root.json",
            "2.root.json",
            "timestamp.json",
            snapshot,
            repo.latest("targets"),
            repo.latest("images")),
        files(md));
    for (String name : files(md)) {
      assertArrayEquals(repo.bytes(name), Files.readAllBytes(md.resolve(name)), name);
    }
    assertEquals(files(repo.targetsDir()), files(td));
    // The clone serves a client like the original.
    assertEquals(
        0,
        tuftool(
            "download",
            dir.resolve("out").toString(),
            "-r",
            md.resolve("1.root.json").toString(),
            "-m",
            md.toUri().toString(),
            "-t",
            td.toUri().toString()),
        err.toString());
    assertEquals(2, files(dir.resolve("out")).size());
  }

  @Test
  void cloneMetadataOnlyAndSomeTargets(@TempDir Path dir) throws Exception {
    TestRepository repo = repository(dir.resolve("repo"));
    String root = repo.metadataDir().resolve("1.root.json").toString();
    Path md = dir.resolve("md");
    assertEquals(
        0,
        tuftool(
            "clone",
            "--metadata-dir",
            md.toString(),
            "--metadata-only",
            "-r",
            root,
            "-m",
            repo.metadataUri().toString()),
        err.toString());
    assertTrue(files(md).contains("timestamp.json"));
    Path td = dir.resolve("td");
    // --target-names is the original's spelling for clone.
    assertEquals(
        0,
        tuftool(
            "clone",
            "--metadata-dir",
            dir.resolve("md2").toString(),
            "--targets-dir",
            td.toString(),
            "-r",
            root,
            "-m",
            repo.metadataUri().toString(),
            "-t",
            repo.targetsUri().toString(),
            "--target-names",
            "a.txt",
            "-n",
            "dir/b.txt"),
        err.toString());
    assertEquals(2, files(td).size());
    assertTrue(files(td).stream().anyMatch(f -> f.endsWith(".a.txt")), files(td).toString());
  }

  @Test
  void cloneRefusesTargetArgumentsWithMetadataOnly(@TempDir Path dir) throws Exception {
    TestRepository repo = repository(dir.resolve("repo"));
    String root = repo.metadataDir().resolve("1.root.json").toString();
    Path md = dir.resolve("md");
    for (List<String> targetArgs :
        List.of(
            List.of("-n", "a.txt"),
            List.of("--targets-dir", dir.resolve("td").toString()),
            List.of("-t", repo.targetsUri().toString()))) {
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "clone",
                  "--metadata-dir",
                  md.toString(),
                  "--metadata-only",
                  "-r",
                  root,
                  "-m",
                  repo.metadataUri().toString()));
      args.addAll(targetArgs);
      assertEquals(2, tuftool(args.toArray(String[]::new)), targetArgs.toString());
      assertTrue(err.toString().contains("--metadata-only copies no targets"), err.toString());
    }
    assertFalse(Files.exists(md), "nothing written");
    assertEquals(
        2,
        tuftool(
            "clone",
            "--metadata-dir",
            md.toString(),
            "-r",
            root,
            "-m",
            repo.metadataUri().toString()));
    assertTrue(err.toString().contains("--targets-dir"), err.toString());
  }
}
