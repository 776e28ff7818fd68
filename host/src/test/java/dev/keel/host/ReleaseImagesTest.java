package dev.keel.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.partition.Tool;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseImagesTest {
  @TempDir Path dir;

  @Test
  void namesAsABottlerocketBuild() {
    Release r = new Release("1.19.2", "aws-k8s-1.29", "x86_64", "29e6b6c5");
    assertEquals(
        "bottlerocket-aws-k8s-1.29-x86_64-1.19.2-29e6b6c5-boot.ext4.lz4",
        r.imageName(ImageKind.BOOT));
    assertEquals(
        "bottlerocket-aws-k8s-1.29-x86_64-1.19.2-29e6b6c5-root.ext4.lz4",
        r.imageName(ImageKind.ROOT));
    assertEquals(
        "bottlerocket-aws-k8s-1.29-x86_64-1.19.2-29e6b6c5-root.verity.lz4",
        r.imageName(ImageKind.HASH));
    assertEquals(
        Release.of("1.0.0", "aws-k8s", "x86_64"), Release.of("1.0.0", "aws-k8s", "x86_64"));
    assertThrows(IllegalArgumentException.class, () -> Release.of("1.0", "aws-k8s", "x86_64"));
    assertThrows(IllegalArgumentException.class, () -> Release.of("1.0.0", "aws-k8s", "riscv"));
  }

  @Test
  void lz4FramesOfRealExt4Images() throws Exception {
    Release r = Release.of("1.1.0", "aws-k8s", "aarch64");
    Map<ImageKind, Path> images = new ReleaseImages(r, ImageSizes.SMALL).build(dir.resolve("out"));
    assertEquals(3, images.size());
    for (Map.Entry<ImageKind, Path> e : images.entrySet()) {
      assertEquals(r.imageName(e.getKey()), e.getValue().getFileName().toString());
    }
    try (var s = Files.list(dir.resolve("out"))) {
      assertEquals(3, s.count(), "no build leftovers");
    }
    // The lz4 CLI decodes our frames (the same bytes as lz4-java's decoder).
    Path root = dir.resolve("root.ext4");
    Tool.ok("lz4", "-d", "-q", images.get(ImageKind.ROOT).toString(), root.toString());
    try (InputStream in =
        new LZ4FrameInputStream(Files.newInputStream(images.get(ImageKind.ROOT)))) {
      assertArrayEquals(Files.readAllBytes(root), in.readAllBytes());
    }
    assertEquals(ImageSizes.SMALL.rootKiB() * 1024L, Files.size(root));
    long compressed = Files.size(images.get(ImageKind.ROOT));
    assertTrue(
        compressed < Files.size(root) / 2 && compressed > 4 * 1024 * 256,
        "compresses like a real root: " + compressed);

    String osRelease = Ext4.cat(root, 0, "/usr/lib/os-release");
    assertEquals(r.osRelease(), osRelease);
    assertTrue(
        osRelease.contains("VERSION_ID=1.1.0\n")
            && osRelease.contains("VARIANT_ID=aws-k8s\n")
            && osRelease.contains("BUILD_ID=" + r.buildId() + "\n")
            && osRelease.contains("PRETTY_NAME=\"Bottlerocket OS 1.1.0 (aws-k8s)\""));
    assertTrue(Tool.ok("debugfs", "-R", "stats", root.toString()).contains("Filesystem features:"));
    assertTrue(
        !Tool.ok("debugfs", "-R", "features", root.toString()).contains("has_journal"),
        "no journal, as the build makes it");

    Path boot = dir.resolve("boot.ext4");
    Tool.ok("lz4", "-d", "-q", images.get(ImageKind.BOOT).toString(), boot.toString());
    String grub = Ext4.cat(boot, 0, "/grub/grub.cfg");
    assertTrue(
        grub.contains(
            "PARTUUID=$boot_uuid/PARTNROFF=1 PARTUUID=$boot_uuid/PARTNROFF=2 4096 4096 2048 1 sha256 "),
        grub);
    assertTrue(Tool.ok("debugfs", "-R", "ls -l /", boot.toString()).contains("vmlinuz"));

    Path hash = dir.resolve("hash");
    Tool.ok("lz4", "-d", "-q", images.get(ImageKind.HASH).toString(), hash.toString());
    // 2048 data blocks: 64 KiB of digests (16 blocks) under one top block.
    assertEquals(17 * 4096, Files.size(hash));
  }

  @Test
  void aMissingFileInAnImageIsAClearError() throws Exception {
    Map<ImageKind, Path> raw =
        new ReleaseImages(Release.of("1.0.0", "aws-k8s", "x86_64"), ImageSizes.SMALL)
            .buildRaw(Files.createDirectories(dir.resolve("raw")));
    ToolFailedException e =
        assertThrows(
            ToolFailedException.class, () -> Ext4.cat(raw.get(ImageKind.ROOT), 0, "/etc/nope"));
    assertTrue(e.getMessage().contains("File not found"), e.getMessage());
    e =
        assertThrows(
            ToolFailedException.class,
            () -> Ext4.cat(raw.get(ImageKind.HASH), 0, "/usr/lib/os-release"));
    assertTrue(e.getMessage().contains("Bad magic number"), e.getMessage());
  }
}
