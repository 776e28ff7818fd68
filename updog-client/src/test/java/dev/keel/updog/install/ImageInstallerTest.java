package dev.keel.updog.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.manifest.Images;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.VerifyingInputStream;
import dev.keel.tuf.model.TargetFile;
import dev.keel.tuf.model.TargetPath;
import dev.keel.updog.error.ImageFormatException;
import dev.keel.updog.error.ImageTooLargeException;
import dev.keel.updog.error.ImageVerificationException;
import dev.keel.updog.error.TargetNotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install pipeline with real LZ4 frames into a real file, targets verified by tuf-core's
 * stream.
 */
class ImageInstallerTest {
  @TempDir Path tmp;
  private final Map<String, byte[]> served = new java.util.HashMap<>();

  private static byte[] lz4(byte[] raw) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LZ4FrameOutputStream lz4 =
        new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB)) {
      lz4.write(raw);
    }
    return out.toByteArray();
  }

  private static byte[] raw(int size, long seed) {
    byte[] b = new byte[size];
    Random r = new Random(seed);
    for (int i = 0; i < size; i += 512) {
      if (r.nextBoolean()) {
        for (int j = i; j < Math.min(size, i + 512); j++) {
          b[j] = (byte) r.nextInt(4);
        }
      }
    }
    return b;
  }

  /** A signed description of {@code signed}, served as {@code actual}. */
  private TargetInfo target(String name, byte[] signed, byte[] actual) throws Exception {
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signed));
    served.put(name, actual);
    return new TargetInfo(
        TargetPath.of(name), new TargetFile(signed.length, Map.of("sha256", sha)), "targets");
  }

  private ImageSource source() {
    return (t, receive) ->
        new VerifyingInputStream(
            receive.apply(new ByteArrayInputStream(served.get(t.path().raw()))),
            t.path().raw(),
            t.file());
  }

  private FileChannel disk(long size) throws Exception {
    FileChannel ch =
        FileChannel.open(
            tmp.resolve("disk.img"),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    ch.write(ByteBuffer.allocate(1), size - 1);
    return ch;
  }

  private InstallPlan plan(byte[] root, byte[] boot, byte[] hash, long rootLength)
      throws Exception {
    Map<String, TargetInfo> targets =
        Map.of(
            "r",
            target("r", root, root),
            "b",
            target("b", boot, boot),
            "h",
            target("h", hash, hash));
    return plan(targets, rootLength);
  }

  private static InstallPlan plan(Map<String, TargetInfo> targets, long rootLength)
      throws Exception {
    Map<ImageKind, InstallPlan.Region> regions = new EnumMap<>(ImageKind.class);
    regions.put(ImageKind.ROOT, new InstallPlan.Region("B root", 1 << 20, rootLength));
    regions.put(ImageKind.BOOT, new InstallPlan.Region("B boot", 12 << 20, 2 << 20));
    regions.put(ImageKind.HASH, new InstallPlan.Region("B hash", 15 << 20, 1 << 20));
    return InstallPlan.of(
        new Images("b", "r", "h"), n -> Optional.ofNullable(targets.get(n)), regions);
  }

  private static byte[] read(FileChannel ch, long offset, int length) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(length);
    ch.read(b, offset);
    return b.array();
  }

  @Test
  void writesRootBootHashInOrderAtTheirOffsets() throws Exception {
    byte[] root = raw(5 << 20, 1);
    byte[] boot = raw(1 << 20, 2);
    byte[] hash = raw(4096, 3);
    InstallPlan plan = plan(lz4(root), lz4(boot), lz4(hash), 8 << 20);
    assertEquals(
        List.of(ImageKind.ROOT, ImageKind.BOOT, ImageKind.HASH),
        plan.writes().stream().map(ImageWrite::kind).toList());
    List<String> events = new ArrayList<>();
    try (FileChannel ch = disk(16 << 20)) {
      new ImageInstaller(
              source(),
              ch,
              new InstallProgress() {
                @Override
                public void started(ImageWrite w) {
                  events.add("start " + w.kind());
                }

                @Override
                public void finished(ImageWrite w, ImageTiming t) {
                  events.add("done " + w.kind());
                }
              })
          .install(plan);
      assertArrayEquals(root, read(ch, 1 << 20, root.length));
      assertArrayEquals(boot, read(ch, 12 << 20, boot.length));
      assertArrayEquals(hash, read(ch, 15 << 20, hash.length));
    }
    assertEquals(
        List.of("start ROOT", "done ROOT", "start BOOT", "done BOOT", "start HASH", "done HASH"),
        events);
  }

  @Test
  void anImageExactlyAsLargeAsItsPartitionFits() throws Exception {
    byte[] root = raw(2 << 20, 4);
    try (FileChannel ch = disk(16 << 20)) {
      new ImageInstaller(source(), ch, InstallProgress.NONE)
          .install(plan(lz4(root), lz4(new byte[10]), lz4(new byte[10]), 2 << 20));
      assertArrayEquals(root, read(ch, 1 << 20, root.length));
    }
  }

  @Test
  void theNextByteAfterThePartitionIsRefusedUnwritten() throws Exception {
    byte[] root = raw((2 << 20) + 1, 5);
    try (FileChannel ch = disk(16 << 20)) {
      ImageTooLargeException e =
          assertThrows(
              ImageTooLargeException.class,
              () ->
                  new ImageInstaller(source(), ch, InstallProgress.NONE)
                      .install(plan(lz4(root), lz4(new byte[10]), lz4(new byte[10]), 2 << 20)));
      assertTrue(
          e.getMessage().contains("larger than partition B root (2097152 bytes)"), e.getMessage());
      assertArrayEquals(
          new byte[1 << 20], read(ch, 3 << 20, 1 << 20), "nothing past the partition");
    }
  }

  @Test
  void aTamperedImageFailsVerificationAndStopsBeforeTheNext() throws Exception {
    byte[] root = lz4(raw(1 << 20, 6));
    byte[] bad = root.clone();
    // The last literal byte of the last block (the frame ends with a 4-byte end mark and carries
    // no checksums): it still decodes, to a wrong byte, so only the SHA-256 check can catch it.
    bad[bad.length - 5] ^= 1;
    Map<String, TargetInfo> targets =
        Map.of(
            "r",
            target("r", root, root),
            "b",
            target("b", root, bad),
            "h",
            target("h", root, root));
    try (FileChannel ch = disk(16 << 20)) {
      assertThrows(
          ImageVerificationException.class,
          () ->
              new ImageInstaller(source(), ch, InstallProgress.NONE)
                  .install(plan(targets, 4 << 20)));
      assertArrayEquals(new byte[4096], read(ch, 15 << 20, 4096), "hash image never started");
    }
  }

  @Test
  void aTruncatedImageIsALengthMismatch() throws Exception {
    byte[] root = lz4(raw(1 << 20, 7));
    Map<String, TargetInfo> targets =
        Map.of(
            "r",
            target("r", root, java.util.Arrays.copyOf(root, root.length / 2)),
            "b",
            target("b", root, root),
            "h",
            target("h", root, root));
    try (FileChannel ch = disk(16 << 20)) {
      ImageVerificationException e =
          assertThrows(
              ImageVerificationException.class,
              () ->
                  new ImageInstaller(source(), ch, InstallProgress.NONE)
                      .install(plan(targets, 4 << 20)));
      assertTrue(
          e.getMessage().contains("expected " + root.length + " bytes, got " + root.length / 2),
          e.getMessage());
    }
  }

  @Test
  void bytesThatAreNotLz4() throws Exception {
    byte[] notLz4 = raw(100_000, 8);
    Map<String, TargetInfo> targets =
        Map.of(
            "r",
            target("r", notLz4, notLz4),
            "b",
            target("b", notLz4, notLz4),
            "h",
            target("h", notLz4, notLz4));
    try (FileChannel ch = disk(16 << 20)) {
      ImageFormatException e =
          assertThrows(
              ImageFormatException.class,
              () ->
                  new ImageInstaller(source(), ch, InstallProgress.NONE)
                      .install(plan(targets, 4 << 20)));
      assertTrue(e.getMessage().startsWith("r: not a valid LZ4 frame"), e.getMessage());
    }
  }

  @Test
  void anUnsignedImageNameFailsThePlan() {
    TargetNotFoundException e =
        assertThrows(TargetNotFoundException.class, () -> plan(Map.of(), 1 << 20));
    assertTrue(e.getMessage().contains("'r'"), e.getMessage());
  }
}
