package dev.keel.reposerver.http;

import dev.keel.tuf.model.HashAlgorithm;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured token hashes. The presented
 * token is hashed and compared with every configured hash in constant time, so neither the
 * comparison nor the number of tokens tried leaks which bytes matched. {@link #require} is the
 * router's handler in front of every authenticated route.
 */
public final class Authenticator {
  /** Why a request may not proceed. */
  public enum Denial {
    UNAUTHENTICATED,
    FORBIDDEN
  }

  private final List<ApiToken> tokens;

  public Authenticator(List<ApiToken> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  /** Empty if the request carries a known token with {@code needed}; else why not. */
  public Optional<Denial> check(HttpServerRequest request, Scope needed) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(Denial.UNAUTHENTICATED);
    }
    byte[] presented =
        HashAlgorithm.SHA256
            .newDigest()
            .digest(header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    ApiToken match = null;
    for (ApiToken t : tokens) {
      if (MessageDigest.isEqual(presented, t.hashBytes()) & match == null) {
        match = t;
      }
    }
    if (match == null) {
      return Optional.of(Denial.UNAUTHENTICATED);
    }
    boolean allowed = match.scopes().stream().anyMatch(s -> s.allows(needed));
    return allowed ? Optional.empty() : Optional.of(Denial.FORBIDDEN);
  }

  /**
   * A route handler that passes the request on only with a token allowing {@code scope}; else it
   * answers 401 or 403 and closes the connection without reading the body. It runs before any body
   * is read, so a client that sent {@code Expect: 100-continue} is told to go on only once its
   * token passed. It is a {@link SecurityPolicyHandler} because Vert.x Web runs those before the
   * body handler, as this must.
   */
  public SecurityPolicyHandler require(Scope scope) {
    return ctx -> {
      Optional<Denial> denial = check(ctx.request(), scope);
      if (denial.isEmpty()) {
        ctx.next();
        return;
      }
      if (denial.get() == Denial.UNAUTHENTICATED) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        Failures.refuse(ctx, 401, "missing or unknown bearer token");
      } else {
        Failures.refuse(
            ctx, 403, "token lacks the '" + scope.name().toLowerCase(Locale.ROOT) + "' scope");
      }
    };
  }
}
