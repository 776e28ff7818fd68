package dev.keel.reposerver.http;

import java.io.IOException;
import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps routine client disconnects out of the error log. A client that goes away while a target is
 * being sent (a host rebooted, an updog killed, a curl stopped) makes Vert.x log the failed write
 * of the file region as SEVERE with a stack trace, from a place no handler reaches; for a server
 * that a fleet downloads from, that is noise that hides real errors. This filter lowers exactly
 * those records (an {@link IOException} saying "Broken pipe" or "Connection reset by peer") to
 * FINE; every other record of that logger passes as it is.
 *
 * <p>A JUL logger's configuration lives only as long as the logger object, so the server holds this
 * object (and through it the logger) while it runs.
 */
public final class ClientDisconnects implements Filter {
  static final String VERTX_CONNECTION = "io.vertx.core.net.impl.VertxConnection";
  private static final Set<String> GONE = Set.of("Broken pipe", "Connection reset by peer");

  private final Logger logger;

  private ClientDisconnects(Logger logger) {
    this.logger = logger;
  }

  /** Installs the filter on Vert.x's connection logger. */
  public static ClientDisconnects install() {
    ClientDisconnects filter = new ClientDisconnects(Logger.getLogger(VERTX_CONNECTION));
    filter.logger.setFilter(filter);
    return filter;
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    if (record.getLevel().intValue() > Level.FINE.intValue() && isDisconnect(record)) {
      record.setLevel(Level.FINE);
      return logger.isLoggable(Level.FINE);
    }
    return true;
  }

  private static boolean isDisconnect(LogRecord record) {
    Throwable t = record.getThrown();
    return t instanceof IOException && GONE.contains(t.getMessage());
  }
}
