package dev.keel.reposerver.publish;

import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.model.MetaFile;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.MetadataPaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deletes the versioned metadata files of one repository that {@link MetadataRetention} says no
 * client can need. The IO edge of that policy: it lists {@code N.<role>.json} (never roots), reads
 * what each snapshot names, and takes as the time a file was signed by the later of its
 * modification time and its version read as UNIX seconds (the publisher's versions are never below
 * the signing time, and both are at or after it). Runs under the publisher's lock for the
 * repository, after a change was written; a failure to prune is logged and never fails the change.
 */
final class MetadataPruner {
  private static final System.Logger LOG = System.getLogger(MetadataPruner.class.getName());
  private static final Pattern VERSIONED = Pattern.compile("([0-9]{1,18})\\.(.+)\\.json");
  private static final long MAX_SECONDS = Instant.MAX.getEpochSecond();

  private final MetadataRetention retention;

  MetadataPruner(MetadataRetention retention) {
    this.retention = retention;
  }

  /** Prunes {@code metadataDir}; returns how many files were deleted. */
  int prune(Path metadataDir, long currentSnapshot, Instant now) {
    try {
      Map<MetadataRetention.Version, Path> files = list(metadataDir);
      int deleted = 0;
      for (MetadataRetention.Version v :
          retention.prunable(List.copyOf(files.keySet()), currentSnapshot, now)) {
        Files.deleteIfExists(files.get(v));
        deleted++;
      }
      return deleted;
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING, "cannot prune old metadata in " + metadataDir + ": " + e, e);
      return 0;
    }
  }

  private static Map<MetadataRetention.Version, Path> list(Path dir) throws IOException {
    Map<MetadataRetention.Version, Path> out = new LinkedHashMap<>();
    List<Path> paths = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
      s.forEach(paths::add);
    }
    for (Path p : paths) {
      Matcher m = VERSIONED.matcher(p.getFileName().toString());
      if (!m.matches() || m.group(2).equals("root") || !Files.isRegularFile(p)) {
        continue;
      }
      long version = Long.parseLong(m.group(1));
      Instant modified = Files.getLastModifiedTime(p).toInstant();
      Instant asSeconds = Instant.ofEpochSecond(Math.min(version, MAX_SECONDS));
      Instant signedBy = modified.isAfter(asSeconds) ? modified : asSeconds;
      Optional<Map<String, Long>> names =
          m.group(2).equals(MetadataRetention.SNAPSHOT) ? names(p) : Optional.empty();
      out.put(new MetadataRetention.Version(m.group(2), version, signedBy, names), p);
    }
    return out;
  }

  /**
   * The version of each role a snapshot file names, by the role's file-name segment; empty if
   * unreadable.
   */
  private static Optional<Map<String, Long>> names(Path snapshot) {
    try {
      Map<String, Long> names = new LinkedHashMap<>();
      for (Map.Entry<String, MetaFile> e :
          MetadataCodec.snapshot(Files.readAllBytes(snapshot), snapshot.toString())
              .signed()
              .meta()
              .entrySet()) {
        String role =
            e.getKey().endsWith(".json")
                ? e.getKey().substring(0, e.getKey().length() - 5)
                : e.getKey();
        names.put(MetadataPaths.encodeSegment(role), e.getValue().version());
      }
      return Optional.of(names);
    } catch (IOException | MalformedMetadataException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read " + snapshot + " to prune: " + e);
      return Optional.empty();
    }
  }
}
