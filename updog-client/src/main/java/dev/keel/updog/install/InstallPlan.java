package dev.keel.updog.install;

import dev.keel.manifest.Images;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.updog.error.TargetNotFoundException;
import dev.keel.updog.error.UpdogException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code update-image} writes, in order (section 3.5): the root, boot and hash images of one
 * release, each into the matching partition of the inactive set. Pure: the targets are already
 * resolved through TUF and the partitions already read from the GPT.
 */
public record InstallPlan(List<ImageWrite> writes) {
  public InstallPlan {
    writes = List.copyOf(writes);
  }

  /** Looks up a target name in the signed targets; empty if the repository does not sign it. */
  @FunctionalInterface
  public interface Targets {
    Optional<TargetInfo> find(String name) throws UpdogException;
  }

  /** A disk extent, in bytes, and how it is named in messages. */
  public record Region(String name, long offset, long length) {}

  /**
   * Plans the three writes.
   *
   * @param targets looks up a target name in the signed targets (empty if it is not signed)
   * @param regions the inactive set's partition for each image
   * @throws TargetNotFoundException if an image named by the manifest is not a signed target
   * @throws UpdogException if the lookup itself fails
   */
  public static InstallPlan of(Images images, Targets targets, Map<ImageKind, Region> regions)
      throws UpdogException {
    List<ImageWrite> writes = new ArrayList<>();
    for (ImageKind kind : ImageKind.values()) {
      String name = kind.targetName(images);
      TargetInfo target = targets.find(name).orElseThrow(() -> new TargetNotFoundException(name));
      Region region = regions.get(kind);
      writes.add(new ImageWrite(kind, target, region.name(), region.offset(), region.length()));
    }
    return new InstallPlan(writes);
  }

  /** Compressed bytes to download in total. */
  public long downloadBytes() {
    return writes.stream().mapToLong(w -> w.target().file().length()).sum();
  }
}
