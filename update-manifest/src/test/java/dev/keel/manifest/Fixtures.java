package dev.keel.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Upstream fixtures copied into src/test/resources/bottlerocket (see PROVENANCE.md there). */
final class Fixtures {
  private Fixtures() {}

  static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  static Manifest manifest(String path) throws MalformedManifestException {
    return Manifest.parse(bytes(path), path);
  }

  static SemVer v(String text) {
    try {
      return SemVer.parse(text);
    } catch (VersionFormatException e) {
      throw new AssertionError(e);
    }
  }
}
