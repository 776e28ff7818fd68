package dev.keel.tuftool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.testkit.RepositoryServer;
import dev.keel.tuf.testkit.TestRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance CLI in-process, against a repository served over real HTTP on loopback. */
class TufClientTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    err.reset();
    TufClient client =
        new TufClient(
            Clock.fixed(NOW, ZoneOffset.UTC),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return client.run(List.of(args));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void initCopiesTheRootWithoutNetwork(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    Path md = dir.resolve("md");
    assertEquals(
        0,
        run(
            "--metadata-dir",
            md.toString(),
            "init",
            repo.metadataDir().resolve("1.root.json").toString()));
    assertArrayEquals(repo.trustedRoot(), Files.readAllBytes(md.resolve("root.json")));
  }

  @Test
  void everyFailureIsExitCodeOne(@TempDir Path dir) {
    assertEquals(1, run());
    assertEquals(1, run("refresh"));
    assertEquals(1, run("--metadata-dir", dir.toString(), "frobnicate"));
    assertEquals(1, run("--bogus", "x", "--metadata-dir", dir.toString(), "refresh"));
    assertEquals(
        1, run("--metadata-dir", dir.toString(), "init", dir.resolve("missing.json").toString()));
    assertTrue(err().contains("missing.json"), err());
    Path missing = dir.resolve("no-such-dir");
    assertEquals(
        1,
        run(
            "--metadata-dir",
            missing.toString(),
            "--metadata-url",
            "http://127.0.0.1:1/",
            "refresh"));
    assertTrue(err().contains("root.json"), err());
    assertFalse(Files.exists(missing));
  }

  @Test
  void optionsMayFollowTheCommandAndEveryCommandHasHelp(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    Path md = dir.resolve("md");
    assertEquals(
        0,
        run(
            "init",
            "--metadata-dir",
            md.toString(),
            repo.metadataDir().resolve("1.root.json").toString()),
        err());
    assertTrue(Files.isRegularFile(md.resolve("root.json")));
    for (String command : List.of("init", "refresh", "download")) {
      assertEquals(0, run(command, "--help"), command);
    }
    assertEquals(0, run("--version"));
    assertEquals(1, run("--metadata-dir", md.toString(), "refesh"));
    assertTrue(err().contains("refresh"), "suggests the command: " + err());
  }

  @Test
  void firstRefreshFetchesExactlyTheWorkflowsFiles(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), NOW);
    Path md = dir.resolve("md");
    try (RepositoryServer server = RepositoryServer.serve(dir.resolve("repo"))) {
      assertEquals(
          0,
          run(
              "--metadata-dir",
              md.toString(),
              "init",
              repo.metadataDir().resolve("1.root.json").toString()));
      assertEquals(List.of(), server.requests());
      assertEquals(
          0,
          run(
              "--metadata-url",
              server.url("metadata").toString(),
              "--metadata-dir",
              md.toString(),
              "refresh"),
          err());
      assertEquals(
          List.of(
              "metadata/2.root.json",
              "metadata/timestamp.json",
              "metadata/1.snapshot.json",
              "metadata/1.targets.json"),
          server.requests());
    }
  }

  @Test
  void downloadStoresPercentEncodedNamesAndSkipsMatchingCopies(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW)
            .addTarget("dir/a b.txt", "aaa".getBytes())
            .addTarget("c.txt", "ccc".getBytes());
    Path md = dir.resolve("md");
    Path td = dir.resolve("td");
    try (RepositoryServer server = RepositoryServer.serve(dir.resolve("repo"))) {
      run(
          "--metadata-dir",
          md.toString(),
          "init",
          repo.metadataDir().resolve("1.root.json").toString());
      List<String> download =
          new ArrayList<>(
              List.of(
                  "--metadata-url",
                  server.url("metadata/").toString(),
                  "--metadata-dir",
                  md.toString(),
                  "--target-name",
                  "dir/a b.txt",
                  "--target-name",
                  "c.txt",
                  "--target-dir",
                  td.toString(),
                  "--target-base-url",
                  server.url("targets/").toString(),
                  "download"));
      assertEquals(0, run(download.toArray(String[]::new)), err());
      assertEquals("aaa", Files.readString(td.resolve("dir%2Fa%20b.txt")));
      assertEquals("ccc", Files.readString(td.resolve("c.txt")));
      server.clearRequests();
      assertEquals(0, run(download.toArray(String[]::new)), err());
      assertEquals(List.of("metadata/2.root.json", "metadata/timestamp.json"), server.requests());
      download.set(5, "a/..");
      assertEquals(1, run(download.toArray(String[]::new)));
      assertTrue(err().contains("target path 'a/..': resolves to nothing"), err());
      download.set(5, "missing.txt");
      assertEquals(1, run(download.toArray(String[]::new)));
      assertTrue(err().contains("missing.txt"), err());
    }
  }

  @Test
  void attacksFailWithExitCodeOne(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW).addTarget("a.txt", "aaa".getBytes());
    repo.rewrite("timestamp.json", RoleType.TIMESTAMP, s -> s, repo.keys(RoleType.SNAPSHOT));
    Path md = dir.resolve("md");
    run(
        "--metadata-dir",
        md.toString(),
        "init",
        repo.metadataDir().resolve("1.root.json").toString());
    assertEquals(
        1,
        run(
            "--metadata-url",
            repo.metadataUri().toString(),
            "--metadata-dir",
            md.toString(),
            "refresh"));
    assertTrue(err().contains("timestamp: 0 valid signature(s) from authorised keys"), err());
    assertFalse(Files.exists(md.resolve("timestamp.json")));
  }
}
