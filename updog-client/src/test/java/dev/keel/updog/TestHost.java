package dev.keel.updog;

import dev.keel.partition.ActiveSetSource;
import dev.keel.partition.FileBlockDevice;
import dev.keel.partition.GptPrio;
import dev.keel.partition.GptTable;
import dev.keel.partition.OsDiskLayout;
import dev.keel.partition.PartitionSet;
import dev.keel.partition.PartitionState;
import dev.keel.partition.SetSelect;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

/**
 * A host directory for updog: a sparse GPT disk image with the Bottlerocket layout (set A booted, B
 * empty), updog.toml, os-release, the trusted root and a kernel command line naming A's BOOT.
 */
final class TestHost {
  final Path dir;
  final Path disk;

  private TestHost(Path dir) {
    this.dir = dir;
    this.disk = dir.resolve("disk.img");
  }

  static TestHost create(Path dir, String version, RepoFixture repo) throws Exception {
    return create(dir, version, repo.root(), repo.metadataUrl(), repo.targetsUrl());
  }

  static TestHost create(
      Path dir, String version, byte[] root, String metadataUrl, String targetsUrl)
      throws Exception {
    TestHost host = new TestHost(dir);
    Files.createDirectories(dir.resolve("etc"));
    host.writeConfig(
        "metadata_base_url = \""
            + metadataUrl
            + "\"\ntargets_base_url = \""
            + targetsUrl
            + "\"\n"
            + "seed = 1234\nversion_lock = \"latest\"\nignore_waves = false\n");
    Files.createDirectories(dir.resolve("usr/lib"));
    Files.writeString(
        dir.resolve("usr/lib/os-release"),
        "NAME=Bottlerocket\nPRETTY_NAME=\"Bottlerocket OS "
            + version
            + " ("
            + RepoFixture.VARIANT
            + ")\"\nVARIANT_ID="
            + RepoFixture.VARIANT
            + "\nVERSION_ID="
            + version
            + "\nBUILD_ID=abcdef12\n");
    Files.createDirectories(dir.resolve("usr/share/updog"));
    Files.write(dir.resolve("usr/share/updog/root.json"), root);
    GptTable table = OsDiskLayout.SMALL.table(512, new Random(dir.hashCode()));
    try (FileBlockDevice device =
        FileBlockDevice.create(host.disk, OsDiskLayout.SMALL.diskBytes(), 512)) {
      PartitionState state = PartitionState.of(device, table, ActiveSetSource.fixed(SetSelect.A));
      state.markSuccessfulBoot();
      state.write();
      Files.createDirectories(dir.resolve("proc"));
      Files.writeString(
          dir.resolve("proc/cmdline"),
          "BOOT_IMAGE=/vmlinuz root=/dev/dm-0 dm-mod.create=root,,,ro,0 1 verity 1 "
              + "PARTUUID="
              + state.set(SetSelect.A).boot().uniqueGuid()
              + "/PARTNROFF=1\n");
    }
    return host;
  }

  void writeConfig(String toml) throws Exception {
    Files.writeString(dir.resolve("etc/updog.toml"), toml);
  }

  /** Runs updog on this host. */
  Result updog(Clock clock, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    UpdogEnvironment env =
        new UpdogEnvironment(
            clock,
            new PrintStream(out, true),
            new PrintStream(err, true),
            java.util.Map.of(),
            false,
            dir,
            "x86_64",
            dev.keel.tuf.transport.HttpSettings.defaults().withTries(2));
    List<String> all =
        new ArrayList<>(List.of("--root", dir.toString(), "--disk", disk.toString()));
    all.addAll(List.of(args));
    int code = Updog.run(env, all);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Result updog(String... args) {
    return updog(Clock.systemUTC(), args);
  }

  record Result(int code, String out, String err) {}

  /** The disk's partition state as signpost reads it. */
  PartitionState state() throws Exception {
    try (FileBlockDevice device = FileBlockDevice.open(disk, OptionalInt.empty())) {
      return PartitionState.load(device, ActiveSetSource.host(dir));
    }
  }

  GptPrio prio(SetSelect set) throws Exception {
    return state().set(set).prio();
  }

  /** {@code length} bytes of the disk from the start of {@code which}'s partition. */
  byte[] read(SetSelect set, String which, int length) throws Exception {
    PartitionSet s = state().set(set);
    var p =
        switch (which) {
          case "boot" -> s.boot();
          case "root" -> s.root();
          default -> s.hash();
        };
    try (FileBlockDevice device = FileBlockDevice.open(disk, OptionalInt.empty())) {
      ByteBuffer b = ByteBuffer.allocate(length);
      device.read(p.byteOffset(512), b);
      return b.array();
    }
  }
}
