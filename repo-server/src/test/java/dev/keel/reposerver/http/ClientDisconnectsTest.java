package dev.keel.reposerver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ClientDisconnectsTest {
  private static LogRecord severe(Throwable t) {
    LogRecord r = new LogRecord(Level.SEVERE, t.getMessage());
    r.setThrown(t);
    return r;
  }

  @Test
  void onlyAClientGoingAwayIsLoweredToFine() {
    ClientDisconnects filter = ClientDisconnects.install();
    for (String gone : new String[] {"Broken pipe", "Connection reset by peer"}) {
      LogRecord r = severe(new IOException(gone));
      filter.isLoggable(r);
      assertEquals(Level.FINE, r.getLevel(), gone);
    }
    for (Throwable other :
        new Throwable[] {
          new IOException("No space left on device"), new IllegalStateException("Broken pipe")
        }) {
      LogRecord r = severe(other);
      assertTrue(filter.isLoggable(r));
      assertEquals(Level.SEVERE, r.getLevel(), other.toString());
    }
  }
}
