package dev.keel.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long after signing each TUF role of a repository expires, as pubsys's repo-expiration policy
 * TOML ({@code snapshot_expiration}, {@code targets_expiration}, {@code timestamp_expiration}, each
 * a relative offset such as {@code '2 weeks'}). The default is pubsys's {@code 2w-2w-1w.toml},
 * bundled as {@code dev/keel/manifest/expiration/repo-expiration-2w-2w-1w.toml}. Not to be confused
 * with tuf-core's client-side expiration enforcement.
 */
public record ExpirationPolicy(
    Duration snapshotExpiration, Duration targetsExpiration, Duration timestampExpiration) {

  private static final String DEFAULT_RESOURCE = "expiration/repo-expiration-2w-2w-1w.toml";

  public ExpirationPolicy {
    Objects.requireNonNull(snapshotExpiration, "snapshotExpiration");
    Objects.requireNonNull(targetsExpiration, "targetsExpiration");
    Objects.requireNonNull(timestampExpiration, "timestampExpiration");
  }

  /**
   * Reads a policy from TOML text; {@code source} names it in errors.
   *
   * @throws ConfigException if the TOML is invalid or a key is missing or not an offset
   */
  public static ExpirationPolicy parse(String toml, String source) throws ConfigException {
    TomlReader reader = TomlReader.of(source);
    JsonNode root = reader.parse(toml);
    return new ExpirationPolicy(
        reader.offset(root, "", "snapshot_expiration"),
        reader.offset(root, "", "targets_expiration"),
        reader.offset(root, "", "timestamp_expiration"));
  }

  /** Two weeks for snapshot and targets, one week for timestamp (pubsys 2w-2w-1w). */
  public static ExpirationPolicy defaultPolicy() {
    try (InputStream in = ExpirationPolicy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("built-in expiration policy missing: " + DEFAULT_RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
    } catch (ConfigException e) {
      throw new IllegalStateException("built-in expiration policy is broken", e);
    }
  }

  /** When snapshot metadata signed at {@code signedAt} expires. */
  public Instant snapshotExpires(Instant signedAt) {
    return signedAt.plus(snapshotExpiration);
  }

  /** When targets metadata signed at {@code signedAt} expires. */
  public Instant targetsExpires(Instant signedAt) {
    return signedAt.plus(targetsExpiration);
  }

  /** When timestamp metadata signed at {@code signedAt} expires. */
  public Instant timestampExpires(Instant signedAt) {
    return signedAt.plus(timestampExpiration);
  }
}
