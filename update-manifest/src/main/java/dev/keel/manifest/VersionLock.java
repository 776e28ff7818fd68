package dev.keel.manifest;

import java.util.Objects;

/**
 * The host's {@code settings.updates.version-lock}: follow the newest allowed release ({@link
 * Latest}) or stay on / move to one exact version ({@link Exact}). Never the string {@code
 * "latest"} past the parsing boundary.
 *
 * <p>Text form (the original's {@code FriendlyVersion}): exactly {@code latest} (lower case), or a
 * SemVer with an optional leading lower-case {@code v} ({@code v1.26.1} or {@code 1.26.1}).
 */
public sealed interface VersionLock permits VersionLock.Latest, VersionLock.Exact {

  /** Follow the newest applicable update. */
  record Latest() implements VersionLock {
    @Override
    public String toString() {
      return "latest";
    }
  }

  /** Update to exactly {@code version} (which may be a downgrade), never to the running one. */
  record Exact(SemVer version) implements VersionLock {
    public Exact {
      Objects.requireNonNull(version, "version");
    }

    @Override
    public String toString() {
      return version.toString();
    }
  }

  /** The {@code latest} lock. */
  static VersionLock latest() {
    return new Latest();
  }

  /**
   * Parses {@code latest} or a SemVer with an optional leading {@code v}.
   *
   * @throws VersionFormatException "Bad version string '...'" for anything else
   */
  static VersionLock parse(String text) throws VersionFormatException {
    Objects.requireNonNull(text, "text");
    if (text.equals("latest")) {
      return new Latest();
    }
    String version = text.startsWith("v") ? text.substring(1) : text;
    try {
      return new Exact(SemVer.parse(version));
    } catch (VersionFormatException e) {
      throw new VersionFormatException(text, "Bad version string '" + text + "'", e);
    }
  }
}
