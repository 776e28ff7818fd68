package dev.keel.migrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keel.datastore.Committed;
import dev.keel.datastore.DatastoreContents;
import dev.keel.datastore.FilesystemDatastore;
import dev.keel.datastore.Key;
import dev.keel.manifest.MigrationKey;
import dev.keel.manifest.SemVer;
import dev.keel.migrator.pack.MigrationPack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real migration built with the SDK: packed by {@code migration-pack} into one self-running file
 * (shell header and jar), published LZ4-compressed, and run by the migrator forward and backward
 * over a datastore with a pending transaction. One JVM start per run.
 */
class SdkMigrationIT {
  @TempDir Path dir;

  private Path pack(String... steps) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--version",
                "1.1.0",
                "--name",
                "motd-and-ntp",
                "--outdir",
                dir.resolve("out").toString(),
                "--keep-executable"));
    for (String s : steps) {
      args.add("--step");
      args.add(s);
    }
    assertEquals(
        0, new MigrationPack(new PrintStream(out), new PrintStream(err)).run(args), err.toString());
    Path target = Path.of(out.toString(StandardCharsets.UTF_8).strip());
    assertEquals("migrate_v1.1.0_motd-and-ntp.lz4", target.getFileName().toString());
    return target;
  }

  @Test
  void aPackedSdkMigrationRunsForwardAndBackThroughTheMigrator() throws Exception {
    Path target =
        pack(
            "add settings.motd \"Welcome to Keel\"",
            "rename settings.ntp.servers settings.ntp.time-servers");
    TestHost host = TestHost.create(dir.resolve("h"));
    host.datastore(
        "1.0.0",
        Map.of("settings.ntp.servers", "[\"a.pool\",\"b.pool\"]", "settings.host", "\"h1\""));
    FilesystemDatastore first = host.current();
    first.setMetadata(
        Key.parse("settings.ntp.servers"), "affected-services", "[\"chronyd\"]", Committed.LIVE);
    first.set(Key.parse("settings.ntp.servers"), "[\"c.pool\"]", Committed.pending("user"));
    DatastoreContents liveBefore = first.read(Committed.LIVE);
    DatastoreContents pendingBefore = first.read(Committed.pending("user"));

    host.migrationRaw(target.getFileName().toString(), Files.readAllBytes(target));
    host.publish(
            Map.of(
                new MigrationKey(SemVer.parse("1.0.0"), SemVer.parse("1.1.0")),
                List.of(target.getFileName().toString())))
        .osRelease("1.1.0");
    assertEquals(0, host.migrate(), host.err());
    FilesystemDatastore now = host.current();
    assertEquals(
        Optional.of("\"Welcome to Keel\""), now.get(Key.parse("settings.motd"), Committed.LIVE));
    assertEquals(
        Optional.of("[\"a.pool\",\"b.pool\"]"),
        now.get(Key.parse("settings.ntp.time-servers"), Committed.LIVE));
    assertEquals(
        Optional.of("[\"chronyd\"]"),
        now.getMetadata(
            Key.parse("settings.ntp.time-servers"), "affected-services", Committed.LIVE));
    assertEquals(
        Optional.of("[\"c.pool\"]"),
        now.get(Key.parse("settings.ntp.time-servers"), Committed.pending("user")));
    assertEquals(Optional.empty(), now.get(Key.parse("settings.motd"), Committed.pending("user")));

    host.osRelease("1.0.0");
    assertEquals(0, host.migrate(), host.err());
    FilesystemDatastore back = host.current();
    assertEquals(
        liveBefore, back.read(Committed.LIVE), "the rollback reads back exactly as before");
    assertEquals(pendingBefore, back.read(Committed.pending("user")));
  }

  @Test
  void migrationPackTakesHelp() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(
        0,
        new MigrationPack(new PrintStream(out), new PrintStream(err)).run(List.of("--help")),
        err.toString());
    assertTrue(
        out.toString(StandardCharsets.UTF_8).startsWith("Usage: migration-pack "), out.toString());
  }

  @Test
  void thePackedFileIsAnExecutableJarAndAnLz4FrameTheLz4ToolReads() throws Exception {
    Path target = pack("remove settings.legacy");
    Path exe = target.resolveSibling("migrate_v1.1.0_motd-and-ntp");
    assertTrue(Files.isExecutable(exe));
    assertTrue(
        new String(Files.readAllBytes(exe), 0, 40, StandardCharsets.US_ASCII)
            .startsWith("#!/bin/sh\n"));
    Process p =
        new ProcessBuilder(exe.toString(), "--forward", "--source-datastore", "a")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.waitFor(), output);
    assertTrue(output.contains("--target-datastore"), output);
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/lz4")), "the lz4 tool is installed");
    Path decoded = dir.resolve("decoded");
    Process lz4 =
        new ProcessBuilder("lz4", "-d", "-q", target.toString(), decoded.toString())
            .inheritIO()
            .start();
    assertEquals(0, lz4.waitFor());
    assertArrayEquals(Files.readAllBytes(exe), Files.readAllBytes(decoded));
  }

  @Test
  void aMigrationCompressedByTheLz4ToolRuns() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/lz4")), "the lz4 tool is installed");
    Path script =
        Files.writeString(dir.resolve("m.sh"), ShellMigration.script("cli", dir.resolve("log")));
    Path compressed = dir.resolve("m.sh.lz4");
    assertEquals(
        0,
        new ProcessBuilder("lz4", "-q", script.toString(), compressed.toString())
            .inheritIO()
            .start()
            .waitFor());
    TestHost host = TestHost.create(dir.resolve("h"));
    host.datastore("1.0.0", Map.of("settings.x", "1"));
    host.migrationRaw("migrate_v1.1.0_cli.lz4", Files.readAllBytes(compressed));
    host.publish(
            Map.of(
                new MigrationKey(SemVer.parse("1.0.0"), SemVer.parse("1.1.0")),
                List.of("migrate_v1.1.0_cli.lz4")))
        .osRelease("1.1.0");
    assertEquals(0, host.migrate(), host.err());
    assertEquals(List.of("cli forward"), Files.readAllLines(dir.resolve("log")));
  }
}
