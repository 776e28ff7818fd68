package dev.keel.reposerver;

import dev.keel.reposerver.http.ServerMetrics;
import dev.keel.reposerver.publish.Publisher;
import dev.keel.reposerver.publish.RoleExpiry;
import dev.keel.reposerver.store.PublishException;
import dev.keel.reposerver.store.RepositoryId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps metadata from expiring: for every repository, re-signs snapshot and timestamp when either
 * expires within {@code margin}, and targets too when it does. Blocking; the verticle runs {@link
 * #check} on a worker from a periodic timer, and tests call it directly with a moved clock.
 */
public final class ExpiryRefresher {
  private static final System.Logger LOG = System.getLogger(ExpiryRefresher.class.getName());

  private final Publisher publisher;
  private final ServerMetrics metrics;
  private final Duration margin;
  private final Clock clock;

  public ExpiryRefresher(Publisher publisher, ServerMetrics metrics, Duration margin, Clock clock) {
    this.publisher = publisher;
    this.metrics = metrics;
    this.margin = margin;
    this.clock = clock;
  }

  /**
   * Checks every repository once; returns those it re-signed. A failing repository does not stop
   * the rest.
   */
  public List<RepositoryId> check() throws PublishException {
    List<RepositoryId> refreshed = new ArrayList<>();
    Instant limit = clock.instant().plus(margin);
    for (RepositoryId id : publisher.store().repositories()) {
      try {
        List<RoleExpiry> roles = publisher.expirations(id);
        boolean targetsSoon =
            roles.stream().anyMatch(r -> r.role().equals("targets") && r.expiresBefore(limit));
        boolean timestampSoon =
            roles.stream()
                .anyMatch(
                    r ->
                        (r.role().equals("timestamp") || r.role().equals("snapshot"))
                            && r.expiresBefore(limit));
        if (targetsSoon || timestampSoon) {
          roles =
              (targetsSoon ? publisher.refresh(id, true) : publisher.refreshTimestamp(id))
                  .expiries();
          refreshed.add(id);
          LOG.log(System.Logger.Level.INFO, "re-signed " + id + " before expiry");
        }
        metrics.expiries(id, roles);
        roles.stream()
            .filter(r -> r.role().equals("root") && r.expiresBefore(limit))
            .forEach(
                r ->
                    LOG.log(
                        System.Logger.Level.WARNING,
                        id
                            + ": root expires at "
                            + r.expires()
                            + "; sign a new root offline (tuftool)"));
      } catch (PublishException e) {
        LOG.log(System.Logger.Level.ERROR, "cannot refresh " + id + ": " + e.getMessage(), e);
      }
    }
    return refreshed;
  }
}
