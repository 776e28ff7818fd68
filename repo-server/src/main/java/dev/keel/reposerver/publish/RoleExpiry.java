package dev.keel.reposerver.publish;

import java.time.Instant;

/** When one role's current metadata expires. */
public record RoleExpiry(String role, long version, Instant expires) {
  public boolean expiresBefore(Instant limit) {
    return expires.isBefore(limit);
  }
}
