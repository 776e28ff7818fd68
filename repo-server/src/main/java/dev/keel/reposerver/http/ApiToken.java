package dev.keel.reposerver.http;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * A bearer token as configured: only the SHA-256 of the token is kept, never the token itself.
 *
 * @param name a label for logs (never the token)
 * @param sha256 lowercase hex SHA-256 of the token's UTF-8 bytes
 */
public record ApiToken(String name, String sha256, Set<Scope> scopes) {
  public ApiToken {
    Objects.requireNonNull(name, "name");
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "token '" + name + "': sha256 must be 64 lowercase hex digits");
    }
    scopes = Set.copyOf(scopes);
  }

  byte[] hashBytes() {
    return HexFormat.of().parseHex(sha256);
  }
}
