package dev.keel.reposerver.http;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What tells one version of a file from another without reading it: inode (file key), size and
 * modification time. The repository replaces files by rename, so a new version is a new inode.
 */
record FileStamp(Object fileKey, long size, FileTime modified) {
  static FileStamp of(BasicFileAttributes attrs) {
    return new FileStamp(attrs.fileKey(), attrs.size(), attrs.lastModifiedTime());
  }

  /** Whether {@code attrs} describe the same version of the file. */
  boolean matches(BasicFileAttributes attrs) {
    return size == attrs.size()
        && modified.equals(attrs.lastModifiedTime())
        && Objects.equals(fileKey, attrs.fileKey());
  }
}
