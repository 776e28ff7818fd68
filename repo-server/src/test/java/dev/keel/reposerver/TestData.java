package dev.keel.reposerver;

import dev.keel.manifest.ExpirationPolicy;
import dev.keel.manifest.Manifest;
import dev.keel.reposerver.publish.Publisher;
import dev.keel.reposerver.publish.SigningKeys;
import dev.keel.reposerver.store.DevRepository;
import dev.keel.reposerver.store.FileRepositoryStore;
import dev.keel.reposerver.store.RepositoryId;
import dev.keel.reposerver.store.Upload;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.crypto.KeySources;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.storage.FileSink;
import dev.keel.tuf.transport.FileTransport;
import dev.keel.tuf.transport.Transport;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A development data directory with a store and a publisher, for tests. */
public final class TestData {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  public static final RepositoryId REPO = new RepositoryId("aws-k8s-1.29", "x86_64");

  public final Path dir;
  public final MutableClock clock = new MutableClock(T0);
  public final FileRepositoryStore store;
  public final SigningKeys keys;
  public final Publisher publisher;

  public TestData(Path dir) throws Exception {
    this(dir, new AtomicFiles());
  }

  public TestData(Path dir, FileSink sink) throws Exception {
    this.dir = dir;
    Path online = DevRepository.initialise(dir, T0);
    this.store = new FileRepositoryStore(dir, "2020-07-07", Set.of(HashAlgorithm.SHA256), sink);
    this.keys =
        new SigningKeys(List.of(KeySources.parse(online.toString(), Optional.empty()).signer()));
    this.publisher =
        new Publisher(
            store, keys, ExpirationPolicy.defaultPolicy(), Set.of(HashAlgorithm.SHA256), clock);
  }

  public Upload upload(String content) throws Exception {
    return store.receive(
        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), 1 << 20);
  }

  /** A fresh client (its own cache) verifying {@code id} through {@code transport}. */
  public static Updater client(
      Path cache, URI metadata, byte[] root, Transport transport, Clock clock) {
    UpdaterConfig config = UpdaterConfig.of(metadata, cache).withBootstrapRoot(Bytes.copyOf(root));
    return new Updater(config, transport, clock, new AtomicFiles());
  }

  /** Loads manifest.json of {@code id} from disk with a verifying client. */
  public Manifest manifest(RepositoryId id) throws Exception {
    Path cache = Files.createTempDirectory(dir, "client");
    Updater u =
        client(
            cache, store.metadataDir(id).toUri(), store.trustedRoot(), new FileTransport(), clock);
    u.refresh();
    TargetInfo info = u.findTarget(new TargetPath("manifest.json")).orElseThrow();
    try (InputStream in = u.openTarget(info, store.targetsDir().toUri())) {
      return Manifest.parse(in.readAllBytes());
    }
  }
}
