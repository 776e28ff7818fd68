package dev.keel.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Builds a release's three images the way a Bottlerocket build does, at small sizes: root is an
 * ext4 filesystem (no journal, 4 KiB blocks) holding {@code usr/lib/os-release} and filler files
 * (text that compresses like a real root, and some incompressible blobs); boot is an ext4 holding a
 * {@code vmlinuz} stand-in and {@code grub/grub.cfg} with the dm-verity arguments; hash is the
 * {@link VerityTree} of the root. The update artifacts are LZ4 frames ({@code lz4 -9}: high
 * compression, 4 MiB independent blocks, content checksum).
 */
public final class ReleaseImages {
  private final Release release;
  private final ImageSizes sizes;

  public ReleaseImages(Release release, ImageSizes sizes) {
    this.release = release;
    this.sizes = sizes;
  }

  /**
   * Builds the uncompressed images in {@code workDir} (which must exist).
   *
   * @return the image file of each kind
   */
  public Map<ImageKind, Path> buildRaw(Path workDir) throws HostException {
    try {
      Random random = new Random(seed());
      Map<ImageKind, Path> out = new EnumMap<>(ImageKind.class);
      Path root = workDir.resolve(release.imageName(ImageKind.ROOT).replace(".lz4", ""));
      Path rootTree = Files.createDirectories(workDir.resolve("root-tree"));
      Files.createDirectories(rootTree.resolve("usr/lib"));
      Files.writeString(rootTree.resolve("usr/lib/os-release"), release.osRelease());
      filler(rootTree, random);
      Ext4.make(rootTree, sizes.rootKiB() * 1024L, "BOTTLEROCKET-ROOT", epoch(), root);
      out.put(ImageKind.ROOT, root);

      Path hash = workDir.resolve(release.imageName(ImageKind.HASH).replace(".lz4", ""));
      byte[] salt = new byte[32];
      random.nextBytes(salt);
      VerityTree tree = VerityTree.write(root, salt, hash);
      out.put(ImageKind.HASH, hash);

      Path boot = workDir.resolve(release.imageName(ImageKind.BOOT).replace(".lz4", ""));
      Path bootTree = Files.createDirectories(workDir.resolve("boot-tree"));
      Files.createDirectories(bootTree.resolve("grub"));
      Files.writeString(bootTree.resolve("grub/grub.cfg"), grubCfg(tree));
      byte[] kernel = new byte[Math.min(512 * 1024, sizes.bootKiB() * 1024 / 4)];
      random.nextBytes(kernel);
      Files.write(bootTree.resolve("vmlinuz"), kernel);
      Ext4.make(bootTree, sizes.bootKiB() * 1024L, "BOTTLEROCKET-BOOT", epoch(), boot);
      out.put(ImageKind.BOOT, boot);

      HostFiles.deleteTree(rootTree);
      HostFiles.deleteTree(bootTree);
      return out;
    } catch (IOException e) {
      throw new HostSetupException(
          "building the images of " + release.prettyName() + " in " + workDir + ": " + e, e);
    }
  }

  /**
   * Builds the three LZ4-compressed update images into {@code outDir}, named as the build names
   * them.
   *
   * @return the artifact of each kind
   */
  public Map<ImageKind, Path> build(Path outDir) throws HostException {
    try {
      Files.createDirectories(outDir);
      Path work = Files.createTempDirectory(outDir, ".build-");
      try {
        Map<ImageKind, Path> raw = buildRaw(work);
        Map<ImageKind, Path> out = new EnumMap<>(ImageKind.class);
        for (Map.Entry<ImageKind, Path> e : raw.entrySet()) {
          Path target = outDir.resolve(release.imageName(e.getKey()));
          compress(e.getValue(), target);
          out.put(e.getKey(), target);
        }
        return out;
      } finally {
        HostFiles.deleteTree(work);
      }
    } catch (IOException e) {
      throw new HostSetupException(
          "writing the images of " + release.prettyName() + " to " + outDir + ": " + e, e);
    }
  }

  /** {@code lz4 -9} of {@code in} to {@code out}. */
  static void compress(Path in, Path out) throws IOException {
    try (InputStream src = Files.newInputStream(in);
        OutputStream dst =
            new LZ4FrameOutputStream(
                Files.newOutputStream(out),
                LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB,
                -1L,
                LZ4Factory.fastestInstance().highCompressor(9),
                XXHashFactory.fastestInstance().hash32(),
                LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
      src.transferTo(dst);
    }
  }

  private String grubCfg(VerityTree tree) {
    long sectors = tree.dataBlocks() * 8;
    return "set default=\"0\"\n"
        + "set timeout=\"0\"\n"
        + "\n"
        + "menuentry \""
        + release.prettyName()
        + "\" {\n"
        + "   linux ($root)/vmlinuz console=tty0 console=ttyS0,115200n8 root=/dev/dm-0 rootwait ro raid=noautodetect \\\n"
        + "       random.trust_cpu=on selinux=1 enforcing=1 \\\n"
        + "       dm-mod.create=\"root,,,ro,0 "
        + sectors
        + " verity 1 PARTUUID=$boot_uuid/PARTNROFF=1 "
        + "PARTUUID=$boot_uuid/PARTNROFF=2 4096 4096 "
        + tree.dataBlocks()
        + " 1 sha256 "
        + tree.rootHash()
        + " "
        + tree.salt()
        + " 2 restart_on_corruption ignore_zero_blocks\" \\\n"
        + "       -- systemd.log_target=journal-or-kmsg systemd.log_color=0 systemd.show_status=true\n"
        + "}\n";
  }

  private static final String[] WORDS =
      ("the of and to in is that for it as with was on be by this are or from at which "
              + "systemd kernel module container runtime settings update partition verity bottlerocket variant image root boot "
              + "hash migration datastore network proxy signed metadata target snapshot timestamp release wave seed")
          .split(" ");

  /**
   * Text files (about 3:1 compressible) and a quarter of incompressible blobs, like libraries and
   * firmware.
   */
  private void filler(Path tree, Random random) throws IOException {
    Path share = Files.createDirectories(tree.resolve("usr/share/doc/filler"));
    Path firmware = Files.createDirectories(tree.resolve("usr/lib/firmware"));
    long remaining = sizes.fillerKiB() * 1024L;
    int n = 0;
    while (remaining > 0) {
      int size = (int) Math.min(remaining, 128 * 1024);
      if (n % 4 == 3) {
        byte[] blob = new byte[size];
        random.nextBytes(blob);
        Files.write(firmware.resolve("blob-" + n + ".bin"), blob);
      } else {
        StringBuilder sb = new StringBuilder(size + 64);
        while (sb.length() < size) {
          sb.append(WORDS[random.nextInt(WORDS.length)])
              .append(random.nextInt(9) == 0 ? '\n' : ' ');
        }
        sb.setLength(size);
        Files.writeString(share.resolve("notes-" + n + ".txt"), sb, StandardCharsets.US_ASCII);
      }
      remaining -= size;
      n++;
    }
  }

  private long seed() {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(release.imageName(ImageKind.ROOT).getBytes(StandardCharsets.UTF_8));
      return java.nio.ByteBuffer.wrap(h).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fixed filesystem time per release, so two builds of a release differ little. */
  private long epoch() {
    return 1_700_000_000L + Math.floorMod(seed(), 100_000_000L);
  }
}
