package dev.keel.tuftool;

import dev.keel.tuf.client.Limits;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.error.MissingMetadataException;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.MetadataPaths;
import dev.keel.tuf.repo.ExistingRepository;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.transport.DownloadIOException;
import dev.keel.tuf.transport.FetchResult;
import dev.keel.tuf.transport.FileTransport;
import dev.keel.tuf.transport.HttpTransport;
import dev.keel.tuf.transport.Transport;
import dev.keel.tuf.trust.ExpirationPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads an existing repository through the TUF client (verified, starting from {@code -r ROOT}),
 * for {@code tuftool update}. When {@code ROOT} is one version newer than the repository's newest
 * root and signed by that root's keys, it is published along with the update (root rotation, as the
 * original's {@code update -r NEW_ROOT}). Metadata is cached in a throwaway directory: this is an
 * editor's one-shot read, not a host's persistent trust.
 */
final class ExistingRepositories {
  private ExistingRepositories() {}

  static RepositoryEditor load(
      Path rootFile, URI metadataUrl, ExpirationPolicy expiration, Clock clock)
      throws TufException {
    Transport transport = transportFor(metadataUrl);
    byte[] given;
    try {
      given = Files.readAllBytes(rootFile);
    } catch (IOException e) {
      throw new StorageException(rootFile, "could not read the root", e);
    }
    URI base = UpdaterConfig.withSlash(metadataUrl);
    long version = MetadataCodec.root(given, rootFile.toString()).signed().version();
    if (version > 1 && fetch(transport, base.resolve(MetadataPaths.root(version))).isEmpty()) {
      // ROOT is a new version to publish: load the repository from its predecessor; the editor
      // accepts ROOT only if that predecessor's root keys signed it (TUF 5.3.5).
      byte[] previous =
          fetch(transport, base.resolve(MetadataPaths.root(version - 1)))
              .orElseThrow(
                  () ->
                      new MissingMetadataException(
                          MetadataPaths.root(version - 1), base.toString()));
      return withVerified(
          metadataUrl,
          transport,
          previous,
          expiration,
          clock,
          (updater, repo) -> RepositoryEditor.load(repo, Optional.of(given)));
    }
    return withVerified(
        metadataUrl,
        transport,
        given,
        expiration,
        clock,
        (updater, repo) -> RepositoryEditor.load(repo, Optional.empty()));
  }

  /** What a command does with a repository loaded and verified from a trusted root. */
  @FunctionalInterface
  interface RepositoryWork<T> {
    T run(Updater updater, ExistingRepository repo) throws TufException;
  }

  /**
   * Loads and verifies the repository at {@code metadataUrl} from {@code trustedRoot}, runs {@code
   * work}, and removes the throwaway metadata cache: these commands keep no trust between runs (a
   * host's persistent trust is tuf-client's job).
   */
  static <T> T withVerified(
      URI metadataUrl,
      Transport transport,
      byte[] trustedRoot,
      ExpirationPolicy expiration,
      Clock clock,
      RepositoryWork<T> work)
      throws TufException {
    Path cache;
    try {
      cache = Files.createTempDirectory("tuftool-");
    } catch (IOException e) {
      throw new StorageException(
          Path.of(System.getProperty("java.io.tmpdir")),
          "could not create a temporary directory",
          e);
    }
    try {
      UpdaterConfig config =
          UpdaterConfig.of(metadataUrl, cache)
              .withExpiration(expiration)
              .withBootstrapRoot(Bytes.copyOf(trustedRoot));
      Updater updater = new Updater(config, transport, clock, new AtomicFiles());
      return work.run(updater, updater.loadRepository());
    } finally {
      deleteTree(cache);
    }
  }

  static ExpirationPolicy expiration(boolean allowExpired) {
    return allowExpired ? ExpirationPolicy.IGNORE : ExpirationPolicy.ENFORCE;
  }

  private static Optional<byte[]> fetch(Transport transport, URI url) throws TufException {
    if (transport.fetch(url, Limits.defaults().maxRootBytes()) instanceof FetchResult.Found found) {
      try (InputStream in = found.body()) {
        return Optional.of(in.readAllBytes());
      } catch (IOException e) {
        throw DownloadIOException.unwrap(e, url);
      }
    }
    return Optional.empty();
  }

  /** The transport for a URL that {@link UrlArgument} accepted. */
  static Transport transportFor(URI url) {
    return switch (url.getScheme()) {
      case "file" -> new FileTransport();
      case "http", "https" -> HttpTransport.fromEnvironment();
      default -> throw new IllegalArgumentException("no transport for " + url);
    };
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // A leftover temporary directory is harmless.
    }
  }
}
