package dev.keel.reposerver;

import dev.keel.reposerver.http.ApiToken;
import dev.keel.reposerver.http.Scope;
import dev.keel.tuf.model.HashAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/** The development server's one API token, kept in {@code dev-keys/api-token}. */
final class DevTokens {
  private DevTokens() {}

  static ApiToken ensure(Path dataDir) throws IOException {
    Path file = dataDir.resolve("dev-keys/api-token");
    if (!Files.isRegularFile(file)) {
      byte[] raw = new byte[24];
      new SecureRandom().nextBytes(raw);
      // Owner-only, like the development keys beside it: the token can publish and administer.
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, HexFormat.of().formatHex(raw) + "\n");
    }
    String token = Files.readString(file).strip();
    return new ApiToken("dev", sha256(token), Set.of(Scope.ADMIN));
  }

  static String sha256(String token) {
    return HashAlgorithm.SHA256.hex(token.getBytes(StandardCharsets.UTF_8));
  }
}
