package dev.keel.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * ext4 images as the image build makes them (no journal, 4 KiB blocks), and files read back from
 * them.
 */
final class Ext4 {
  private Ext4() {}

  /**
   * Makes an ext4 image of {@code bytes} at {@code image} holding the tree under {@code source}
   * ({@code mkfs.ext4 -d}), with the filesystem times at {@code epochSeconds}.
   */
  static void make(Path source, long bytes, String label, long epochSeconds, Path image)
      throws ToolFailedException {
    SystemTool.ok(
        List.of(
            "mkfs.ext4",
            "-q",
            "-F",
            "-t",
            "ext4",
            "-b",
            "4096",
            "-O",
            "^has_journal",
            "-L",
            label,
            "-E",
            "root_owner=0:0",
            "-d",
            source.toString(),
            image.toString(),
            (bytes / 1024) + "k"),
        Map.of("E2FSPROGS_FAKE_TIME", Long.toString(epochSeconds)));
  }

  /**
   * The contents of {@code file} in the ext4 filesystem starting at byte {@code offset} of {@code
   * disk} (through {@code debugfs}, which opens {@code disk?offset=N}).
   *
   * @throws ToolFailedException if there is no ext4 filesystem there, or no such file in it
   */
  static String cat(Path disk, long offset, String file) throws ToolFailedException {
    List<String> cmd = List.of("debugfs", "-R", "cat " + file, disk + "?offset=" + offset);
    SystemTool.Output o = SystemTool.run(cmd, Map.of());
    String problem =
        o.stderr().lines().filter(l -> !l.startsWith("debugfs ")).findFirst().orElse("");
    if (o.exit() != 0 || !problem.isEmpty()) {
      throw new ToolFailedException(
          cmd, problem.isEmpty() ? "exited " + o.exit() : problem.strip());
    }
    return o.stdout();
  }
}
