package dev.keel.updog.install;

import dev.keel.manifest.Images;

/**
 * The three images of a release, in the order updog writes them (section 3.5): root, boot, hash.
 */
public enum ImageKind {
  ROOT,
  BOOT,
  HASH;

  /** This image's target name in a manifest entry. */
  public String targetName(Images images) {
    return switch (this) {
      case ROOT -> images.root();
      case BOOT -> images.boot();
      case HASH -> images.hash();
    };
  }
}
