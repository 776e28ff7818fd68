package dev.keel.manifest;

import java.util.Objects;

/**
 * The TUF target names of one release's three lz4-compressed partition images. Names are opaque:
 * resolve them through TUF, never as paths.
 *
 * @param boot the ext4 boot partition image
 * @param root the ext4 root filesystem image
 * @param hash the dm-verity hash tree image
 * @param unknownFields fields of the {@code images} object this version does not know
 */
public record Images(String boot, String root, String hash, UnknownFields unknownFields) {

  public Images {
    ManifestWriter.requireWritable("images.boot", boot);
    ManifestWriter.requireWritable("images.root", root);
    ManifestWriter.requireWritable("images.hash", hash);
    Objects.requireNonNull(unknownFields, "unknownFields");
  }

  public Images(String boot, String root, String hash) {
    this(boot, root, hash, UnknownFields.none());
  }
}
