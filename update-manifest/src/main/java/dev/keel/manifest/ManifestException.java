package dev.keel.manifest;

/**
 * Root of every failure this module reports. Checked, like {@code TufException}, so callers must
 * decide what a bad manifest, policy or version string means for them.
 *
 * <p>The family is closed: {@link MalformedManifestException} (manifest.json could not be read),
 * {@link VersionFormatException} (a version string is not SemVer or not a valid version lock),
 * {@link ConfigException} (a wave policy, expiration policy or Release.toml is wrong), {@link
 * OffsetFormatException} (a relative offset such as {@code "2 days"} is wrong), {@link
 * WavesNotOrderedException} (wave times do not increase with the seed), {@link
 * WaveTimeOutOfRangeException} (a wave time manifest.json cannot hold) and {@link
 * MigrationChainException} (no migration path between two versions) and {@link OsReleaseException}
 * (os-release is missing or lacks a required key).
 */
public abstract sealed class ManifestException extends Exception
    permits MalformedManifestException,
        VersionFormatException,
        ConfigException,
        OffsetFormatException,
        WavesNotOrderedException,
        WaveTimeOutOfRangeException,
        MigrationChainException,
        OsReleaseException {

  protected ManifestException(String message) {
    super(message);
  }

  protected ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
