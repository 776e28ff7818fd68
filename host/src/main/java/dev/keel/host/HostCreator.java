package dev.keel.host;

import dev.keel.partition.FileBlockDevice;
import dev.keel.partition.GptTable;
import dev.keel.partition.OsDiskLayout;
import dev.keel.partition.Partition;
import dev.keel.partition.PartitionException;
import dev.keel.partition.PartitionSet;
import dev.keel.partition.SetLayout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Makes a simulated host directory ({@link HostDir}) as a factory image would leave it: the disk
 * with the Bottlerocket layout, BOOT-A (priority 1, successful), the release's images in set A, set
 * B empty, the files updog needs, and the settings datastore of the release ({@link
 * FactorySettings}).
 */
public final class HostCreator {
  /**
   * @param seed the updog wave seed written to updog.toml (a u32)
   * @param layout the disk's partition sizes
   * @param sectorSize 512 or 4096
   */
  public record Request(
      Path dir,
      Release release,
      Path rootJson,
      String metadataBaseUrl,
      String targetsBaseUrl,
      long seed,
      OsDiskLayout layout,
      ImageSizes sizes,
      int sectorSize) {
    public Request {
      Objects.requireNonNull(dir);
      Objects.requireNonNull(release);
      Objects.requireNonNull(rootJson);
      Objects.requireNonNull(metadataBaseUrl);
      Objects.requireNonNull(targetsBaseUrl);
      Objects.requireNonNull(layout);
      Objects.requireNonNull(sizes);
    }
  }

  private final RandomGenerator random;

  /**
   * @param random where the disk's and partitions' unique GUIDs and the datastore's directory name
   *     come from
   */
  public HostCreator(RandomGenerator random) {
    this.random = random;
  }

  /** Creates the host directory (which must not exist, or be empty). Does not boot it. */
  public HostDir create(Request r) throws HostException, PartitionException {
    HostDir host = new HostDir(r.dir());
    try {
      if (Files.exists(r.dir())) {
        try (Stream<Path> s = Files.list(r.dir())) {
          if (s.findAny().isPresent()) {
            throw new HostSetupException(r.dir() + " exists and is not empty");
          }
        }
      }
      if (!Files.isRegularFile(r.rootJson())) {
        throw new HostSetupException("trusted root " + r.rootJson() + " is not a file");
      }
    } catch (IOException e) {
      throw new HostSetupException("creating host " + r.dir() + ": " + e, e);
    }
    try {
      populate(r, host);
      return host;
    } catch (IOException e) {
      removeContents(r.dir(), e);
      throw new HostSetupException("creating host " + r.dir() + ": " + e, e);
    } catch (HostException | PartitionException | RuntimeException e) {
      removeContents(r.dir(), e);
      throw e;
    }
  }

  /** The directory was empty or absent before: leave it so, not half a host. */
  private static void removeContents(Path dir, Exception failure) {
    try (Stream<Path> s = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
      for (Path p : s.toList()) {
        HostFiles.deleteTree(p);
      }
    } catch (IOException cleanup) {
      failure.addSuppressed(cleanup);
    }
  }

  private void populate(Request r, HostDir host)
      throws HostException, PartitionException, IOException {
    Files.createDirectories(r.dir());
    String toml = UpdogToml.render(r.metadataBaseUrl(), r.targetsBaseUrl(), r.seed());
    Path work = Files.createTempDirectory(r.dir(), ".build-");
    try {
      Map<ImageKind, Path> images = new ReleaseImages(r.release(), r.sizes()).buildRaw(work);
      try (FileBlockDevice disk =
          FileBlockDevice.create(host.disk(), r.layout().diskBytes(), r.sectorSize())) {
        GptTable table = r.layout().table(r.sectorSize(), random);
        table.write(disk);
        PartitionSet a = SetLayout.of(table).a();
        for (ImageKind kind : ImageKind.values()) {
          writeImage(images.get(kind), kind.partition(a), disk);
        }
        disk.sync();
      }
    } finally {
      HostFiles.deleteTree(work);
    }
    HostFiles.write(host.updogToml(), toml);
    Files.createDirectories(host.trustedRoot().getParent());
    Files.copy(r.rootJson(), host.trustedRoot());
    Files.createDirectories(host.osRelease().getParent());
    Files.createSymbolicLink(host.etcOsRelease(), Path.of("../usr/lib/os-release"));
    FactorySettings.initialise(host, r.release().version(), random);
    Files.createDirectories(host.metadataCache());
    Files.createDirectories(host.migrations());
    Files.setPosixFilePermissions(host.migrations(), PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(host.cmdline().getParent());
  }

  /** Copies an uncompressed image into its partition; it must fit. */
  private static void writeImage(Path image, Partition p, FileBlockDevice disk)
      throws IOException, HostSetupException {
    int ss = disk.sectorSize();
    long size = Files.size(image);
    if (size > p.byteLength(ss)) {
      throw new HostSetupException(
          "image "
              + image.getFileName()
              + " ("
              + size
              + " bytes) does not fit partition "
              + p.number()
              + " "
              + p.name()
              + " ("
              + p.byteLength(ss)
              + " bytes)");
    }
    try (FileChannel in = FileChannel.open(image, StandardOpenOption.READ)) {
      long done = 0;
      while (done < size) {
        done += in.transferTo(done, size - done, disk.channel().position(p.byteOffset(ss) + done));
      }
    }
  }
}
