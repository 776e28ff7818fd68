package dev.keel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.partition.ActiveSetSource;
import dev.keel.partition.FileBlockDevice;
import dev.keel.partition.GptTable;
import dev.keel.partition.KernelCommandLine;
import dev.keel.partition.PartitionSet;
import dev.keel.partition.PartitionState;
import dev.keel.partition.Tool;
import dev.keel.signpost.Signpost;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated host end to end with real ext4 images: create on 1.0.0, an update to 1.1.0 written
 * into set B the way updog writes it, boots through the GRUB model, signpost on the host's paths.
 */
class HostIT {
  @TempDir static Path shared;
  static Path rootJson;
  static Map<ImageKind, Path> v110;

  @TempDir Path dir;
  private String out;
  private String err;

  @BeforeAll
  static void release() throws Exception {
    rootJson =
        Files.writeString(
            shared.resolve("root.json"),
            "{\"signed\": {\"_type\": \"root\"}, \"signatures\": []}\n");
    v110 =
        new ReleaseImages(Release.of("1.1.0", "aws-k8s", "x86_64"), ImageSizes.SMALL)
            .build(shared.resolve("images"));
  }

  private int host(String... args) {
    return capture(o -> Host.run(List.of(args), o[0], o[1]));
  }

  private int signpost(Path hostDir, String command) {
    return capture(
        o ->
            Signpost.run(
                List.of(
                    command,
                    "--root",
                    hostDir.toString(),
                    "--disk",
                    hostDir.resolve("disk.img").toString()),
                o[0],
                o[1]));
  }

  private interface Run {
    int run(PrintStream[] streams);
  }

  private int capture(Run r) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        r.run(
            new PrintStream[] {
              new PrintStream(o, true, StandardCharsets.UTF_8),
              new PrintStream(e, true, StandardCharsets.UTF_8)
            });
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  private Path create(String... extra) {
    Path h = dir.resolve("host");
    List<String> args =
        new ArrayList<>(
            List.of(
                "create",
                h.toString(),
                "--version",
                "1.0.0",
                "--variant",
                "aws-k8s",
                "--arch",
                "x86_64",
                "--root-json",
                rootJson.toString(),
                "--metadata-base-url",
                "http://127.0.0.1:1/aws-k8s/x86_64/",
                "--targets-base-url",
                "http://127.0.0.1:1/targets/",
                "--seed",
                "42"));
    args.addAll(List.of(extra));
    assertEquals(0, host(args.toArray(String[]::new)), err);
    return h;
  }

  /**
   * These tests are about GRUB, and install an update without updog's cache of signed metadata and
   * migrations, which the migrator needs to move a datastore. Without a datastore the migrator has
   * nothing to do (its first-boot case), so the boots below test only the bootloader.
   */
  private static Path withoutDatastore(Path h) throws Exception {
    HostFiles.deleteTree(h.resolve("var/lib/bottlerocket/datastore"));
    return h;
  }

  private JsonNode status(Path h) throws Exception {
    assertEquals(0, host("status", h.toString(), "--json"), err);
    return new ObjectMapper().readTree(out);
  }

  /**
   * What updog update-image does: clear-inactive + write, stream root/boot/hash through LZ4 into B,
   * sync, mark valid + write.
   */
  private static void installIntoInactive(Path h, Map<ImageKind, Path> images) throws Exception {
    try (FileBlockDevice disk = FileBlockDevice.open(h.resolve("disk.img"), OptionalInt.empty())) {
      PartitionState s = PartitionState.load(disk, ActiveSetSource.host(h));
      s.clearInactive();
      s.write();
      PartitionSet target = s.set(s.inactive());
      int ss = disk.sectorSize();
      for (ImageKind kind : ImageKind.values()) {
        var p = kind.partition(target);
        try (InputStream in = new LZ4FrameInputStream(Files.newInputStream(images.get(kind)))) {
          byte[] buf = new byte[1 << 20];
          long at = p.byteOffset(ss);
          int n;
          while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
            disk.write(at, java.nio.ByteBuffer.wrap(buf, 0, n));
            at += n;
          }
        }
      }
      disk.sync();
      s.markInactiveValid();
      s.write();
    }
  }

  @Test
  void createMakesTheHostDirectoryAndBootsItOnce() throws Exception {
    Path h = create();
    assertTrue(out.contains("booted set A (BOOT partition 3, PARTUUID "), out);
    assertTrue(out.endsWith("): Bottlerocket OS 1.0.0 (aws-k8s)\n"), out);
    assertEquals(
        "metadata_base_url = \"http://127.0.0.1:1/aws-k8s/x86_64/\"\ntargets_base_url = \"http://127.0.0.1:1/targets/\"\n"
            + "seed = 42\nversion_lock = \"latest\"\nignore_waves = false\n",
        Files.readString(h.resolve("etc/updog.toml")));
    assertEquals(
        Files.readString(rootJson), Files.readString(h.resolve("usr/share/updog/root.json")));
    Path current = h.resolve("var/lib/bottlerocket/datastore/current");
    assertEquals(Path.of("v1"), Files.readSymbolicLink(current));
    assertTrue(
        current.toRealPath().getFileName().toString().matches("v1\\.0\\.0_[A-Za-z0-9]{16}"),
        current.toRealPath().toString());
    assertEquals(
        "\"Welcome to Bottlerocket!\"", Files.readString(current.resolve("live/settings/motd")));
    assertTrue(err.contains("migrator: datastore is already at 1.0.0, nothing to do"), err);
    assertTrue(Files.isDirectory(h.resolve("var/cache/bottlerocket-metadata")));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(h.resolve("var/lib/bottlerocket-migrations"))));
    String osRelease = Files.readString(h.resolve("usr/lib/os-release"));
    assertTrue(osRelease.contains("VERSION_ID=1.0.0\n"), osRelease);
    assertEquals(
        osRelease, Files.readString(h.resolve("etc/os-release")), "etc/os-release links to it");

    String cmdline = Files.readString(h.resolve("proc/cmdline"));
    try (FileBlockDevice d = FileBlockDevice.open(h.resolve("disk.img"), OptionalInt.empty())) {
      GptTable t = GptTable.read(d);
      assertEquals(
          List.of(t.get(3).uniqueGuid(), t.get(3).uniqueGuid()),
          KernelCommandLine.partUuids(cmdline));
      assertEquals(13, t.partitions().size());
    }
    assertTrue(cmdline.startsWith("BOOT_IMAGE=(hd0,gpt3)/vmlinuz "), cmdline);
    Tool.verified(h.resolve("disk.img").toString());
    assertEquals(List.of(48, 56), Tool.bitsShown(h.resolve("disk.img").toString(), 3));
    assertTrue(
        Tool.ok("sgdisk", "-p", h.resolve("disk.img").toString()).contains("BOTTLEROCKET-ROOT-B"));

    JsonNode s = status(h);
    assertEquals("1.0.0", s.at("/booted/version").asText());
    assertEquals("aws-k8s", s.at("/booted/variant").asText());
    assertEquals("A", s.get("active").asText());
    assertEquals("partition 3 BOTTLEROCKET-BOOT-A", s.get("grub_next").asText());
    assertEquals(0, host("status", h.toString()));
    assertTrue(
        out.startsWith("Host:    " + h + "\nBooted:  Bottlerocket OS 1.0.0 (aws-k8s), build "),
        out);
    assertTrue(out.contains("Active:  Set A\n"), out);

    assertEquals(
        1,
        host(
            "create",
            h.toString(),
            "--version",
            "1.0.0",
            "--variant",
            "aws-k8s",
            "--root-json",
            rootJson.toString(),
            "--metadata-base-url",
            "u",
            "--targets-base-url",
            "u"));
    assertEquals("host: " + h + " exists and is not empty\n", err);
  }

  @Test
  void updateBootRollbackAndBootBack() throws Exception {
    Path h = withoutDatastore(create());
    installIntoInactive(h, v110);
    assertEquals(0, signpost(h, "upgrade-to-inactive"), err);

    assertEquals(0, host("boot", h.toString()), err);
    assertTrue(out.contains("booted set B (BOOT partition 8, "), out);
    assertTrue(
        out.contains("priority=2 tries_left=0 successful=false): Bottlerocket OS 1.1.0 (aws-k8s)"),
        "tries 1 -> 0: " + out);
    assertEquals("B", status(h).get("active").asText());
    assertEquals("1.1.0", status(h).at("/booted/version").asText());
    Tool.verified(h.resolve("disk.img").toString());

    assertEquals(0, signpost(h, "mark-successful-boot"), err);
    assertEquals(0, signpost(h, "has-boot-ever-succeeded"), err);
    assertEquals("true\n", out);
    assertEquals(0, signpost(h, "rollback-to-inactive"), err);
    assertEquals(0, host("boot", h.toString()), err);
    assertTrue(
        out.contains("booted set A (BOOT partition 3, ")
            && out.endsWith("Bottlerocket OS 1.0.0 (aws-k8s)\n"),
        out);
    JsonNode s = status(h);
    assertEquals("A", s.get("active").asText());
    assertEquals(2, s.at("/sets/A/priority").asInt());
    assertEquals(1, s.at("/sets/B/priority").asInt());
    assertEquals(true, s.at("/sets/B/successful").asBoolean());
    assertEquals("1.0.0", s.at("/booted/version").asText());
  }

  @Test
  void anUpgradeThatNeverMarksSuccessFallsBackByItself() throws Exception {
    Path h = withoutDatastore(create());
    installIntoInactive(h, v110);
    assertEquals(0, signpost(h, "upgrade-to-inactive"), err);
    assertEquals(0, host("boot", h.toString()), err);
    assertTrue(out.endsWith("Bottlerocket OS 1.1.0 (aws-k8s)\n"), out);
    // 1.1.0 never reaches mark-successful-boot; the machine reboots.
    assertEquals(0, host("boot", h.toString()), err);
    assertTrue(out.startsWith("booted set A (BOOT partition 3, "), out);
    assertTrue(out.endsWith("Bottlerocket OS 1.0.0 (aws-k8s)\n"), out);
    JsonNode s = status(h);
    assertEquals(
        List.of(2, 0, false),
        List.of(
            s.at("/sets/B/priority").asInt(),
            s.at("/sets/B/tries_left").asInt(),
            s.at("/sets/B/successful").asBoolean()));
    assertEquals("A", s.get("active").asText());
    // And again: A keeps booting, nothing is decremented.
    assertEquals(0, host("boot", h.toString()), err);
    assertTrue(out.endsWith("Bottlerocket OS 1.0.0 (aws-k8s)\n"), out);
  }

  @Test
  void aMigrationThatCannotRunFailsTheBootAndLeavesTheDatastore() throws Exception {
    Path h = create();
    Path current = h.resolve("var/lib/bottlerocket/datastore/current");
    Path before = current.toRealPath();
    installIntoInactive(h, v110);
    assertEquals(0, signpost(h, "upgrade-to-inactive"), err);
    // Installed without updog: no cached metadata, so the migrator cannot verify a plan to 1.1.0.
    assertEquals(1, host("boot", h.toString()));
    assertTrue(
        err.contains(
            "host: boot failed: migration failed (migrator exit 1), the datastore is unchanged: "),
        err);
    assertTrue(
        !Files.exists(h.resolve("proc/cmdline")) && !Files.exists(h.resolve("usr/lib/os-release")),
        "not running");
    assertEquals(before, current.toRealPath());
    assertEquals(Path.of("v1"), Files.readSymbolicLink(current));
    // The try is spent: the next boot falls back to 1.0.0, whose datastore it still is.
    assertEquals(0, host("boot", h.toString()), err);
    assertTrue(out.endsWith("Bottlerocket OS 1.0.0 (aws-k8s)\n"), out);
    assertEquals(before, current.toRealPath());
  }

  @Test
  void aSetWhoseRootHoldsNoFilesystemFailsToComeUpThenFallsBack() throws Exception {
    Path h = create();
    // Marked valid and upgraded without any image written: ROOT-B is zeros.
    try (FileBlockDevice disk = FileBlockDevice.open(h.resolve("disk.img"), OptionalInt.empty())) {
      PartitionState s = PartitionState.load(disk, ActiveSetSource.host(h));
      s.markInactiveValid();
      s.upgradeToInactive();
      s.write();
    }
    assertEquals(1, host("boot", h.toString()));
    assertTrue(
        err.startsWith("host: boot failed: set B did not come up (kernel command line): debugfs: "),
        err);
    assertTrue(
        !Files.exists(h.resolve("proc/cmdline")) && !Files.exists(h.resolve("usr/lib/os-release")),
        "not running");
    assertEquals(0, host("status", h.toString()), err);
    assertTrue(out.contains("Booted:  nothing (not booted, or the last boot failed)\n"), out);
    assertTrue(out.contains("GRUB:    next boot picks partition 3 BOTTLEROCKET-BOOT-A\n"), out);
    assertEquals(0, host("status", h.toString(), "--json"), err);
    assertTrue(new ObjectMapper().readTree(out).at("/booted/version").isNull(), out);
    assertEquals(0, host("boot", h.toString()), err);
    assertTrue(out.endsWith("Bottlerocket OS 1.0.0 (aws-k8s)\n"), out);
  }

  @Test
  void nothingBootableIsBootFailed() throws Exception {
    Path h = create();
    assertEquals(0, signpost(h, "cancel-upgrade"), err); // A = (2, 0, 1), B = (0, 0, 0)
    try (FileBlockDevice disk = FileBlockDevice.open(h.resolve("disk.img"), OptionalInt.empty())) {
      GptTable t = GptTable.read(disk);
      t.withPrio(3, t.get(3).prio().withSuccessful(false)).write(disk);
    }
    byte[] before = Files.readAllBytes(h.resolve("disk.img"));
    assertEquals(1, host("boot", h.toString()));
    assertTrue(err.startsWith("host: boot failed: no such partition"), err);
    assertTrue(
        java.util.Arrays.equals(before, Files.readAllBytes(h.resolve("disk.img"))),
        "a failed choice writes nothing");
  }

  @Test
  void aDamagedGptIsRepairedBeforeBooting() throws Exception {
    Path h = create();
    try (var f = new java.io.RandomAccessFile(h.resolve("disk.img").toFile(), "rw")) {
      f.seek(512 + 16);
      f.write(0x77);
    }
    assertEquals(0, host("boot", h.toString()), err);
    Tool.verified(h.resolve("disk.img").toString());
  }

  @Test
  void fourKilobyteSectors() throws Exception {
    Path h = withoutDatastore(create("--sector-size", "4096"));
    try (FileBlockDevice d = FileBlockDevice.open(h.resolve("disk.img"), OptionalInt.empty())) {
      assertEquals(4096, d.sectorSize());
    }
    installIntoInactive(h, v110);
    assertEquals(0, signpost(h, "upgrade-to-inactive"), err);
    assertEquals(0, host("boot", h.toString()), err);
    assertTrue(out.endsWith("Bottlerocket OS 1.1.0 (aws-k8s)\n"), out);
  }

  @Test
  void imagesCommand() throws Exception {
    Path outDir = dir.resolve("imgs");
    assertEquals(
        0,
        host(
            "images",
            "--version",
            "2.0.0",
            "--variant",
            "aws-dev",
            "--arch",
            "aarch64",
            "--build-id",
            "abc123",
            "--root-kib",
            "4096",
            "--filler-kib",
            "1024",
            outDir.toString(),
            "--json"),
        err);
    JsonNode j = new ObjectMapper().readTree(out);
    assertEquals(
        outDir.resolve("bottlerocket-aws-dev-aarch64-2.0.0-abc123-root.ext4.lz4").toString(),
        j.get("root").asText());
    assertTrue(
        Files.isRegularFile(Path.of(j.get("boot").asText()))
            && Files.isRegularFile(Path.of(j.get("hash").asText())));
    assertEquals(
        0,
        host(
            "images",
            "--version",
            "2.0.0",
            "--variant",
            "aws-dev",
            "--build-id",
            "abc123",
            outDir.toString()),
        err);
    assertEquals(
        "boot "
            + outDir.resolve("bottlerocket-aws-dev-x86_64-2.0.0-abc123-boot.ext4.lz4")
            + "\n"
            + "root "
            + outDir.resolve("bottlerocket-aws-dev-x86_64-2.0.0-abc123-root.ext4.lz4")
            + "\n"
            + "hash "
            + outDir.resolve("bottlerocket-aws-dev-x86_64-2.0.0-abc123-root.verity.lz4")
            + "\n",
        out);
  }

  @Test
  void aFailedCreateLeavesNoHalfHost() throws Exception {
    Path h = dir.resolve("small");
    assertEquals(
        1,
        host(
            "create",
            h.toString(),
            "--version",
            "1.0.0",
            "--variant",
            "aws-k8s",
            "--root-json",
            rootJson.toString(),
            "--metadata-base-url",
            "u",
            "--targets-base-url",
            "u",
            "--root-mib",
            "4"));
    assertTrue(err.contains("does not fit partition 4 BOTTLEROCKET-ROOT-A (4194304 bytes)"), err);
    try (var s = Files.list(h)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void usage() {
    assertEquals(
        2,
        host(
            "create",
            dir.toString(),
            "--version",
            "1.0",
            "--variant",
            "aws-k8s",
            "--root-json",
            "x",
            "--metadata-base-url",
            "u",
            "--targets-base-url",
            "u"));
    assertTrue(err.contains("version must be SemVer"), err);
    for (String sub : List.of("images", "create", "boot", "status")) {
      assertEquals(0, host(sub, "--help"), sub + ": " + err);
      assertTrue(out.startsWith("Usage: host " + sub), out);
    }
    assertEquals(2, host("bot", dir.toString()));
    assertTrue(err.contains("boot"), err);
    assertEquals(2, host());
  }
}
