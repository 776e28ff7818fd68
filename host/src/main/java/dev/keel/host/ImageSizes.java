package dev.keel.host;

/**
 * How big a release's images are.
 *
 * @param bootKiB the boot ext4 image
 * @param rootKiB the root ext4 image
 * @param fillerKiB how much file data the root filesystem holds besides os-release
 */
public record ImageSizes(int bootKiB, int rootKiB, int fillerKiB) {
  /** A few MiB: fast in tests, and fits {@code OsDiskLayout.SMALL}. */
  public static final ImageSizes SMALL = new ImageSizes(2048, 8192, 3072);

  public ImageSizes {
    if (bootKiB < 1024 || rootKiB < 1024) {
      throw new IllegalArgumentException("boot and root images need at least 1024 KiB each");
    }
    if (fillerKiB < 0 || fillerKiB > rootKiB * 9L / 10 - 512) {
      throw new IllegalArgumentException(
          "filler of " + fillerKiB + " KiB does not fit a root image of " + rootKiB + " KiB");
    }
  }
}
