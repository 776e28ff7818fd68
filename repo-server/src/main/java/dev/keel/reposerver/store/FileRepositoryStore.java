package dev.keel.reposerver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.MetadataPaths;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.storage.FileSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@link RepositoryStore} on a local file system. Layout under the data directory:
 *
 * <pre>
 * root.json                          the trusted root repositories are created with
 * &lt;prefix&gt;/&lt;variant&gt;/&lt;arch&gt;/       N.root.json, N.targets.json, N.snapshot.json, timestamp.json
 * targets/&lt;sha256&gt;.&lt;name&gt;           targets shared by every repository
 * uploads/&lt;sha256&gt; (+ .json)          finished uploads and their hashes
 * staging/, work/                    uploads in flight and scratch space
 * </pre>
 *
 * Everything lives on one file system so that targets can be hard-linked from uploads and every
 * move is an atomic rename.
 */
public final class FileRepositoryStore implements RepositoryStore {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDir;
  private final String prefix;
  private final Path rootFile;
  private final Set<HashAlgorithm> algorithms;
  private final FileSink sink;
  private final List<Consumer<RepositoryId>> commitListeners = new CopyOnWriteArrayList<>();

  /**
   * @param prefix the metadata folder under the data directory, one path segment (e.g. {@code
   *     2020-07-07}), or empty for pubsys's layout ({@code <outdir>/<variant>/<arch>/})
   * @param rootFile the trusted root every repository is created with and verified against
   * @param algorithms hashes computed for uploads; must include SHA-256
   */
  public FileRepositoryStore(
      Path dataDir, String prefix, Path rootFile, Set<HashAlgorithm> algorithms, FileSink sink) {
    if (!prefix.isEmpty()) {
      RepositoryId.requireSegment("prefix", prefix);
    }
    if (RepositoryId.RESERVED_NAMES.contains(prefix)) {
      throw new IllegalArgumentException(
          "prefix '" + prefix + "' clashes with a data directory folder");
    }
    if (!algorithms.contains(HashAlgorithm.SHA256)) {
      throw new IllegalArgumentException("SHA-256 is always required");
    }
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.prefix = prefix;
    this.algorithms = Set.copyOf(algorithms);
    this.sink = new CommitSignalingSink(sink);
    this.rootFile = rootFile.toAbsolutePath();
  }

  public FileRepositoryStore(
      Path dataDir, String prefix, Set<HashAlgorithm> algorithms, FileSink sink) {
    this(dataDir, prefix, dataDir.resolve("root.json"), algorithms, sink);
  }

  public FileRepositoryStore(Path dataDir, String prefix, Set<HashAlgorithm> algorithms) {
    this(dataDir, prefix, algorithms, new AtomicFiles());
  }

  public Path dataDir() {
    return dataDir;
  }

  private Path rootFile() {
    return rootFile;
  }

  public Path metadataRoot() {
    return prefix.isEmpty() ? dataDir : dataDir.resolve(prefix);
  }

  @Override
  public byte[] trustedRoot() throws RepositoryStateException {
    try {
      return Files.readAllBytes(rootFile());
    } catch (IOException e) {
      throw new RepositoryStateException(
          "cannot read the trusted root " + rootFile() + ": " + e, e);
    }
  }

  @Override
  public Path metadataDir(RepositoryId id) {
    return metadataRoot().resolve(id.variant()).resolve(id.arch());
  }

  @Override
  public Path targetsDir() {
    return dataDir.resolve("targets");
  }

  /** The longest file name a file system commonly allows, in bytes. */
  static final int MAX_FILE_NAME = 255;

  /**
   * Refuses a target name this store cannot hold: stored as {@code targets/<dirs>/<sha256>.<file>},
   * every folder segment and the hash-prefixed file name must fit {@value #MAX_FILE_NAME} bytes.
   */
  public static void checkStorable(String name) throws InvalidRequestException {
    String stored = MetadataPaths.target(name, "0".repeat(64), true);
    for (String segment : stored.split("/")) {
      if (segment.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_FILE_NAME) {
        throw new InvalidRequestException(
            "target name '"
                + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                + "' is too long: each '/'-separated part may have at most "
                + (MAX_FILE_NAME - 65)
                + " bytes in the file name and "
                + MAX_FILE_NAME
                + " in a folder name");
      }
    }
  }

  @Override
  public boolean exists(RepositoryId id) {
    return Files.isRegularFile(metadataDir(id).resolve(MetadataPaths.timestamp()));
  }

  @Override
  public List<RepositoryId> repositories() throws RepositoryStateException {
    List<RepositoryId> ids = new ArrayList<>();
    if (!Files.isDirectory(metadataRoot())) {
      return ids;
    }
    try (DirectoryStream<Path> variants =
        Files.newDirectoryStream(metadataRoot(), Files::isDirectory)) {
      for (Path v : variants) {
        try (DirectoryStream<Path> arches = Files.newDirectoryStream(v, Files::isDirectory)) {
          for (Path a : arches) {
            try {
              RepositoryId id =
                  new RepositoryId(v.getFileName().toString(), a.getFileName().toString());
              if (exists(id)) {
                ids.add(id);
              }
            } catch (IllegalArgumentException ignored) {
              // not a repository folder
            }
          }
        }
      }
    } catch (IOException e) {
      throw new RepositoryStateException("cannot list " + metadataRoot() + ": " + e, e);
    }
    ids.sort(java.util.Comparator.comparing(RepositoryId::toString));
    return ids;
  }

  @Override
  public UploadWriter openUpload(long limit) throws RepositoryStateException {
    Path staging = dataDir.resolve("staging");
    try {
      Files.createDirectories(staging);
      Path file = staging.resolve(UUID.randomUUID() + ".part");
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return new StagedUpload(file, channel, limit);
    } catch (IOException e) {
      throw StorageFullException.classify("cannot stage an upload", e);
    }
  }

  @Override
  public Optional<Upload> findUpload(String sha256) throws RepositoryStateException {
    if (!SHA256.matcher(sha256).matches()) {
      return Optional.empty();
    }
    Path data = uploadFile(sha256);
    Path meta = data.resolveSibling(sha256 + ".json");
    if (!Files.isRegularFile(data)) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(Files.readAllBytes(meta));
      Map<String, String> hashes = new LinkedHashMap<>();
      node.get("hashes")
          .fields()
          .forEachRemaining(e -> hashes.put(e.getKey(), e.getValue().asText()));
      return Optional.of(new Upload(sha256, node.get("length").asLong(), hashes));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new RepositoryStateException("cannot read upload record " + meta + ": " + e, e);
    }
  }

  @Override
  public Path uploadFile(String sha256) {
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a sha256: " + sha256);
    }
    return dataDir.resolve("uploads").resolve(sha256);
  }

  @Override
  public Path newWorkDir() throws RepositoryStateException {
    try {
      Path work = dataDir.resolve("work");
      Files.createDirectories(work);
      return Files.createTempDirectory(work, "op-");
    } catch (IOException e) {
      throw StorageFullException.classify("cannot create a work directory", e);
    }
  }

  /**
   * Deletes what interrupted uploads and publishes left in {@code staging/} and {@code work/}. Only
   * for start-up, before anything else uses this data directory.
   */
  public void clearScratch() throws RepositoryStateException {
    for (String sub : List.of("staging", "work")) {
      Path dir = dataDir.resolve(sub);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.deleteIfExists(p);
          }
        }
      } catch (IOException e) {
        throw new RepositoryStateException("cannot clear " + dir + ": " + e, e);
      }
    }
  }

  @Override
  public FileSink sink() {
    return sink;
  }

  @Override
  public void addCommitListener(Consumer<RepositoryId> listener) {
    commitListeners.add(listener);
  }

  /** The repository whose {@code timestamp.json} {@code file} is, if it is one. */
  private Optional<RepositoryId> committedBy(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    if (!file.getFileName().toString().equals(MetadataPaths.timestamp())
        || dir == null
        || dir.getParent() == null
        || !metadataRoot().equals(dir.getParent().getParent())) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new RepositoryId(dir.getParent().getFileName().toString(), dir.getFileName().toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The sink of {@link #sink}: tells the commit listeners when a timestamp.json is replaced. */
  private final class CommitSignalingSink implements FileSink {
    private final FileSink delegate;

    CommitSignalingSink(FileSink delegate) {
      this.delegate = delegate;
    }

    private void signal(Path written) {
      committedBy(written).ifPresent(id -> commitListeners.forEach(l -> l.accept(id)));
    }

    @Override
    public void write(Path target, byte[] bytes) throws StorageException {
      delegate.write(target, bytes);
      signal(target);
    }

    @Override
    public void copy(InputStream source, Path target) throws StorageException {
      delegate.copy(source, target);
      signal(target);
    }

    @Override
    public void link(Path existing, Path target, LinkKind kind) throws StorageException {
      delegate.link(existing, target, kind);
      signal(target);
    }
  }

  /** An upload being written to {@code staging/}, hashed as it goes. */
  private final class StagedUpload implements UploadWriter {
    private final Path file;
    private final FileChannel channel;
    private final long limit;
    private final Map<HashAlgorithm, MessageDigest> digests = new EnumMap<>(HashAlgorithm.class);
    private long length;
    private boolean closed;

    StagedUpload(Path file, FileChannel channel, long limit) {
      this.file = file;
      this.channel = channel;
      this.limit = limit;
      algorithms.forEach(a -> digests.put(a, a.newDigest()));
    }

    @Override
    public void write(byte[] chunk, int offset, int len)
        throws UploadTooLargeException, RepositoryStateException {
      if (closed) {
        throw new IllegalStateException("upload already ended");
      }
      if (length + len > limit) {
        abort();
        throw new UploadTooLargeException(limit);
      }
      for (MessageDigest d : digests.values()) {
        d.update(chunk, offset, len);
      }
      try {
        ByteBuffer buf = ByteBuffer.wrap(chunk, offset, len);
        while (buf.hasRemaining()) {
          channel.write(buf);
        }
      } catch (IOException e) {
        abort();
        throw StorageFullException.classify("cannot write the upload", e);
      }
      length += len;
    }

    @Override
    public Upload finish() throws RepositoryStateException {
      if (closed) {
        throw new IllegalStateException("upload already ended");
      }
      Map<String, String> hashes = new LinkedHashMap<>();
      digests.forEach((a, d) -> hashes.put(a.tufName(), HexFormat.of().formatHex(d.digest())));
      Upload upload = new Upload(hashes.get("sha256"), length, hashes);
      try {
        channel.force(true);
        channel.close();
        closed = true;
        Path dest = uploadFile(upload.sha256());
        Files.createDirectories(dest.getParent());
        if (Files.isRegularFile(dest) && findUpload(upload.sha256()).isPresent()) {
          Files.deleteIfExists(file); // same bytes as before: nothing to do
          return upload;
        }
        ObjectNode record = JSON.createObjectNode();
        record.put("length", length);
        ObjectNode h = record.putObject("hashes");
        hashes.forEach(h::put);
        sink.write(dest.resolveSibling(upload.sha256() + ".json"), JSON.writeValueAsBytes(record));
        try {
          Files.move(
              file, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          throw new IOException("the file system cannot rename atomically", e);
        }
        AtomicFiles.fsyncDirectory(dest.getParent());
        return upload;
      } catch (IOException | StorageException e) {
        abort();
        throw StorageFullException.classify("cannot store the upload", e);
      }
    }

    @Override
    public void abort() {
      closed = true;
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a channel we only wrote to
      }
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a stray staging file is harmless and never referenced
      }
    }
  }
}
