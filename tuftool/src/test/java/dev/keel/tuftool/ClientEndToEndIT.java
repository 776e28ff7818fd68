package dev.keel.tuftool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.testkit.RepositoryServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with nothing but our command-line tools and real HTTP on loopback: {@code tuftool}
 * builds and signs a repository, {@code tuf-client} (in-process) follows it, then a release with a
 * rotated timestamp key and a rotated root key, published with {@code tuftool update}.
 */
class ClientEndToEndIT {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static String tuftool(Instant at, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new Tuftool(
                Clock.fixed(at, ZoneOffset.UTC),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(List.of(args));
    assertEquals(
        0, code, () -> String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8).trim();
  }

  private static int client(Instant at, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new TufClient(
                Clock.fixed(at, ZoneOffset.UTC),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(List.of(args));
    if (code != 0) {
      System.err.println(err.toString(StandardCharsets.UTF_8));
    }
    return code;
  }

  /**
   * Root, keys and a version-1 repository at {@code dir/repo} with {@code a.txt}, all made by
   * tuftool.
   */
  private record Setup(
      String root,
      String rootKey,
      String repoKey,
      String tsKey,
      String rootKeyId,
      String tsKeyId,
      Path in,
      Path repo) {}

  private static Setup setUp(Path dir) throws Exception {
    String root = dir.resolve("root.json").toString();
    String rootKey = dir.resolve("root.pem").toString();
    String repoKey = dir.resolve("repo.pem").toString();
    String tsKey = dir.resolve("ts.pem").toString();
    String yearLater = NOW.plus(Duration.ofDays(365)).toString();
    String monthLater = NOW.plus(Duration.ofDays(30)).toString();
    tuftool(NOW, "root", "init", root);
    tuftool(NOW, "root", "expire", root, yearLater);
    String rootKeyId = tuftool(NOW, "root", "gen-key", root, rootKey, "-r", "root");
    tuftool(NOW, "root", "gen-key", root, repoKey, "-r", "snapshot", "-r", "targets");
    String tsKeyId = tuftool(NOW, "root", "gen-key", root, tsKey, "-r", "timestamp");
    for (String role : List.of("root", "snapshot", "targets", "timestamp")) {
      tuftool(NOW, "root", "set-threshold", root, role, "1");
    }
    tuftool(NOW, "root", "sign", root, "-k", rootKey);
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a.txt"), "release 1");
    Path repo = dir.resolve("repo");
    tuftool(
        NOW,
        "create",
        "-r",
        root,
        "-k",
        rootKey,
        "-k",
        repoKey,
        "-k",
        tsKey,
        "-t",
        in.toString(),
        "-o",
        repo.toString(),
        "--targets-expires",
        monthLater,
        "--targets-version",
        "1",
        "--snapshot-expires",
        monthLater,
        "--snapshot-version",
        "1",
        "--timestamp-expires",
        monthLater,
        "--timestamp-version",
        "1");
    return new Setup(root, rootKey, repoKey, tsKey, rootKeyId, tsKeyId, in, repo);
  }

  @Test
  void updateRefusesARootNotSignedByTheRepositorysRoot(@TempDir Path dir) throws Exception {
    Setup s = setUp(dir);
    String root2 = dir.resolve("root2.json").toString();
    String rootKey2 = dir.resolve("root2.pem").toString();
    Files.copy(Path.of(s.root()), Path.of(root2));
    tuftool(NOW, "root", "bump-version", root2);
    tuftool(NOW, "root", "gen-key", root2, rootKey2, "-r", "root");
    tuftool(NOW, "root", "remove-key", root2, s.rootKeyId(), "root");
    tuftool(NOW, "root", "sign", root2, "-k", rootKey2);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new Tuftool(
                Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(
                List.of(
                    "update",
                    "-r",
                    root2,
                    "-k",
                    rootKey2,
                    "-k",
                    s.repoKey(),
                    "-k",
                    s.tsKey(),
                    "-m",
                    s.repo().resolve("metadata").toString(),
                    "-o",
                    s.repo().toString()));
    assertEquals(1, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("root: 0 valid signature(s) from authorised keys"),
        err.toString(StandardCharsets.UTF_8));
    assertTrue(!Files.exists(s.repo().resolve("metadata/2.root.json")));
  }

  @Test
  void createServeDownloadRotateFollow(@TempDir Path dir) throws Exception {
    Setup s = setUp(dir);
    String root = s.root();
    String rootKey = s.rootKey();
    String repoKey = s.repoKey();
    String rootKeyId = s.rootKeyId();
    String tsKeyId = s.tsKeyId();
    Path in = s.in();
    Path repo = s.repo();
    try (RepositoryServer server = RepositoryServer.serve(repo)) {
      String md = dir.resolve("client/metadata").toString();
      String td = dir.resolve("client/targets").toString();
      String[] download = {
        "--metadata-url",
        server.url("metadata/").toString(),
        "--metadata-dir",
        md,
        "--target-dir",
        td,
        "--target-base-url",
        server.url("targets/").toString(),
        "--target-name",
        "a.txt",
        "download"
      };
      Instant clientTime = NOW.plus(Duration.ofMinutes(5));
      assertEquals(0, client(clientTime, "--metadata-dir", md, "init", root));
      assertEquals(0, client(clientTime, download));
      assertEquals("release 1", Files.readString(Path.of(td, "a.txt")));

      // Release 2: root version 2 replaces the timestamp key and the root key, signed by old and
      // new root keys.
      String root2 = dir.resolve("root2.json").toString();
      String rootKey2 = dir.resolve("root2.pem").toString();
      String tsKey2 = dir.resolve("ts2.pem").toString();
      Files.copy(Path.of(root), Path.of(root2));
      tuftool(NOW, "root", "bump-version", root2);
      tuftool(NOW, "root", "gen-key", root2, tsKey2, "-r", "timestamp");
      tuftool(NOW, "root", "remove-key", root2, tsKeyId, "timestamp");
      tuftool(NOW, "root", "gen-key", root2, rootKey2, "-r", "root");
      tuftool(NOW, "root", "remove-key", root2, rootKeyId, "root");
      tuftool(NOW, "root", "sign", root2, "-k", rootKey2);
      tuftool(NOW, "root", "sign", root2, "-k", rootKey, "-c", root);
      Files.writeString(in.resolve("b.txt"), "release 2");
      Instant later = NOW.plus(Duration.ofDays(1));
      String nextMonth = later.plus(Duration.ofDays(30)).toString();
      tuftool(
          later,
          "update",
          "-r",
          root2,
          "-k",
          rootKey2,
          "-k",
          repoKey,
          "-k",
          tsKey2,
          "-m",
          server.url("metadata").toString(),
          "-o",
          repo.toString(),
          "-t",
          in.toString(),
          "--targets-expires",
          nextMonth,
          "--snapshot-expires",
          nextMonth,
          "--timestamp-expires",
          nextMonth);
      assertTrue(Files.exists(repo.resolve("metadata/2.root.json")));

      Instant clientLater = later.plus(Duration.ofMinutes(5));
      download[download.length - 2] = "b.txt";
      assertEquals(0, client(clientLater, download));
      assertEquals("release 2", Files.readString(Path.of(td, "b.txt")));
      byte[] trusted = Files.readAllBytes(Path.of(md, "root.json"));
      assertArrayEquals(Files.readAllBytes(repo.resolve("metadata/2.root.json")), trusted);
      Root trustedRoot = MetadataCodec.root(trusted, "root.json").signed();
      assertEquals(2, trustedRoot.version());
      assertTrue(!trustedRoot.roleKeys(RoleType.TIMESTAMP).keyIds().contains(tsKeyId));

      // A new client that only ships root version 1 follows the chain too.
      String fresh = dir.resolve("fresh/metadata").toString();
      assertEquals(0, client(clientLater, "--metadata-dir", fresh, "init", root));
      assertEquals(
          0,
          client(
              clientLater,
              "--metadata-url",
              server.url("metadata").toString(),
              "--metadata-dir",
              fresh,
              "refresh"));
      assertArrayEquals(trusted, Files.readAllBytes(Path.of(fresh, "root.json")));
    }
  }
}
