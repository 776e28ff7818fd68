package dev.keel.tuf.client;

import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.trust.ExpirationPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an {@link Updater} reads and keeps metadata, and how strict it is.
 *
 * @param metadataBase URL of the metadata directory (a trailing {@code /} is added if missing)
 * @param metadataDir the local metadata directory that persists trusted metadata between runs
 * @param bootstrapRoot a shipped root used when {@code metadataDir} has none yet (updog's
 *     {@code /usr/share/updog/root.json}); empty to require {@code metadataDir/root.json}
 */
public record UpdaterConfig(URI metadataBase, Path metadataDir, Limits limits, ExpirationPolicy expiration,
    Optional<Bytes> bootstrapRoot) {

  public UpdaterConfig {
    metadataBase = withSlash(metadataBase);
  }

  public static UpdaterConfig of(URI metadataBase, Path metadataDir) {
    return new UpdaterConfig(metadataBase, metadataDir, Limits.defaults(), ExpirationPolicy.ENFORCE, Optional.empty());
  }

  public UpdaterConfig withExpiration(ExpirationPolicy policy) {
    return new UpdaterConfig(metadataBase, metadataDir, limits, policy, bootstrapRoot);
  }

  public UpdaterConfig withLimits(Limits newLimits) {
    return new UpdaterConfig(metadataBase, metadataDir, newLimits, expiration, bootstrapRoot);
  }

  public UpdaterConfig withBootstrapRoot(Bytes root) {
    return new UpdaterConfig(metadataBase, metadataDir, limits, expiration, Optional.of(root));
  }

  /** {@code uri} with a trailing {@code /}, so relative file names resolve below it. */
  public static URI withSlash(URI uri) {
    String s = uri.toString();
    return s.endsWith("/") ? uri : URI.create(s + "/");
  }
}
