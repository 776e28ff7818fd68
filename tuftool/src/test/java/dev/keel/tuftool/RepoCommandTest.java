package dev.keel.tuftool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.Envelope;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.Snapshot;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.model.Targets;
import dev.keel.tuf.model.Timestamp;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.transport.FileTransport;
import dev.keel.tuf.trust.ThresholdCheck;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoCommandTest {
  @TempDir Path dir;
  Path root;
  Path key;

  @BeforeEach
  void rootWithOneOnlineKey() throws Exception {
    root = dir.resolve("root.json");
    key = dir.resolve("online.pem");
    TuftoolRun.of("root", "init", root.toString()).ok();
    for (RoleType r : RoleType.values()) {
      TuftoolRun.of("root", "set-threshold", root.toString(), r.jsonName(), "1").ok();
    }
    TuftoolRun.of(
            "root",
            "gen-key",
            root.toString(),
            key.toString(),
            "-r",
            "root",
            "-r",
            "snapshot",
            "-r",
            "targets",
            "-r",
            "timestamp")
        .ok();
    TuftoolRun.of("root", "expire", root.toString(), "in 52 weeks").ok();
    TuftoolRun.of("root", "sign", root.toString(), "-k", key.toString()).ok();
    Files.createDirectories(dir.resolve("in/sub"));
    Files.writeString(dir.resolve("in/a.txt"), "alpha");
    Files.writeString(dir.resolve("in/sub/b.txt"), "beta");
  }

  private TuftoolRun create() {
    return TuftoolRun.of(
        "create",
        "-r",
        root.toString(),
        "-k",
        key.toString(),
        "-t",
        dir.resolve("in").toString(),
        "-o",
        dir.resolve("repo").toString(),
        "--targets-expires",
        "in 7 days",
        "--targets-version",
        "1",
        "--snapshot-expires",
        "in 7 days",
        "--snapshot-version",
        "1",
        "--timestamp-expires",
        "in 1 day",
        "--timestamp-version",
        "1");
  }

  @Test
  void createdRepositoryVerifiesRoleByRole() throws Exception {
    create().ok();
    Path md = dir.resolve("repo/metadata");
    ThresholdCheck check = new ThresholdCheck();
    Root r = MetadataCodec.root(Files.readAllBytes(md.resolve("1.root.json")), "root").signed();
    assertArrayEquals(Files.readAllBytes(root), Files.readAllBytes(md.resolve("1.root.json")));
    Envelope<Timestamp> ts =
        MetadataCodec.timestamp(Files.readAllBytes(md.resolve("timestamp.json")), "ts");
    check.require(
        "timestamp",
        r.roleKeys(RoleType.TIMESTAMP),
        r.keys(),
        ts.canonicalSigned(),
        ts.signatures());
    byte[] snapBytes = Files.readAllBytes(md.resolve("1.snapshot.json"));
    assertEquals(
        HashAlgorithm.SHA256.hex(snapBytes), ts.signed().snapshotMeta().hashes().get("sha256"));
    Envelope<Snapshot> snap = MetadataCodec.snapshot(snapBytes, "snap");
    check.require(
        "snapshot",
        r.roleKeys(RoleType.SNAPSHOT),
        r.keys(),
        snap.canonicalSigned(),
        snap.signatures());
    byte[] targetsBytes = Files.readAllBytes(md.resolve("1.targets.json"));
    assertEquals(
        targetsBytes.length, snap.signed().findRole("targets").orElseThrow().length().getAsLong());
    Envelope<Targets> targets = MetadataCodec.targets(targetsBytes, "targets");
    check.require(
        "targets",
        r.roleKeys(RoleType.TARGETS),
        r.keys(),
        targets.canonicalSigned(),
        targets.signatures());
    assertEquals(4, targets.signed().findTarget("sub/b.txt").orElseThrow().length());
    String sha = targets.signed().findTarget("sub/b.txt").orElseThrow().hashes().get("sha256");
    Path placed = dir.resolve("repo/targets/sub/" + sha + ".b.txt");
    assertTrue(Files.isSymbolicLink(placed), "tuftool links targets into place");
    assertEquals("beta", Files.readString(placed));
  }

  @Test
  void updateAddsTargetsAndTheClientFollows() throws Exception {
    create().ok();
    Files.writeString(dir.resolve("in/c.txt"), "gamma");
    TuftoolRun.of(
            "update",
            "-r",
            root.toString(),
            "-k",
            key.toString(),
            "-m",
            dir.resolve("repo/metadata").toUri().toString(),
            "-t",
            dir.resolve("in").toString(),
            "-o",
            dir.resolve("repo").toString(),
            "--targets-expires",
            "in 7 days",
            "--snapshot-expires",
            "in 7 days",
            "--timestamp-expires",
            "in 1 day")
        .ok();
    assertTrue(Files.exists(dir.resolve("repo/metadata/2.targets.json")));
    Updater client =
        new Updater(
            UpdaterConfig.of(dir.resolve("repo/metadata").toUri(), dir.resolve("cache"))
                .withBootstrapRoot(Bytes.copyOf(Files.readAllBytes(root))),
            new FileTransport(),
            Clock.fixed(TuftoolRun.NOW, ZoneOffset.UTC),
            new AtomicFiles());
    TargetInfo c = client.findTarget(TargetPath.of("c.txt")).orElseThrow();
    try (InputStream in = client.openTarget(c, dir.resolve("repo/targets").toUri())) {
      assertEquals("gamma", new String(in.readAllBytes()));
    }
    assertEquals(2, client.trusted().timestamp().orElseThrow().signed().version());
  }

  @Test
  void badInputNamesTheProblemAndWritesNothing() throws Exception {
    TuftoolRun badTime =
        TuftoolRun.of(
            "create",
            "-r",
            root.toString(),
            "-k",
            key.toString(),
            "-t",
            dir.resolve("in").toString(),
            "-o",
            dir.resolve("repo").toString(),
            "--targets-expires",
            "whenever");
    assertEquals(2, badTime.exit());
    assertTrue(badTime.err().contains("'whenever' is not a time"), badTime.err());
    TuftoolRun noExpiry =
        TuftoolRun.of(
            "create",
            "-r",
            root.toString(),
            "-k",
            key.toString(),
            "-t",
            dir.resolve("in").toString(),
            "-o",
            dir.resolve("repo").toString());
    assertEquals(1, noExpiry.exit());
    assertTrue(noExpiry.err().contains("expires"), noExpiry.err());
    Files.writeString(root, "{\"signed\": {}}");
    TuftoolRun badRoot = create();
    assertEquals(1, badRoot.exit());
    assertTrue(badRoot.err().contains("root.json: field 'signed._type'"), badRoot.err());
    assertTrue(Files.notExists(dir.resolve("repo/metadata/timestamp.json")));
  }
}
