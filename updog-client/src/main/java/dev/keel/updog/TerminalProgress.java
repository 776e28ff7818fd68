package dev.keel.updog;

import dev.keel.updog.install.ImageWrite;
import dev.keel.updog.install.InstallProgress;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;

/**
 * One progress bar per image on a terminal: bytes, rate and time left, redrawn at most ten times a
 * second on one line of stderr. Counts the compressed bytes downloaded, whose total the signed
 * metadata gives.
 */
final class TerminalProgress implements InstallProgress {
  private static final int WIDTH = 30;
  private final PrintStream err;
  private final Clock clock;
  private long startMillis;
  private long lastDraw;

  TerminalProgress(PrintStream err, Clock clock) {
    this.err = err;
    this.clock = clock;
  }

  @Override
  public void started(ImageWrite write) {
    startMillis = clock.millis();
    lastDraw = 0;
    draw(write, 0);
  }

  @Override
  public void advanced(ImageWrite write, long downloaded) {
    long now = clock.millis();
    if (now - lastDraw >= 100) {
      lastDraw = now;
      draw(write, downloaded);
    }
  }

  @Override
  public void finished(ImageWrite write, dev.keel.updog.install.ImageTiming timing) {
    draw(write, write.target().file().length());
    err.println();
  }

  private void draw(ImageWrite write, long done) {
    err.print(
        "\r"
            + line(
                write.targetName(),
                done,
                write.target().file().length(),
                Math.max(1, clock.millis() - startMillis)));
    err.flush();
  }

  /** {@code name [=====> ] 42% 12.0/28.5 MB 104.2 MB/s ETA 0:03}. */
  static String line(String name, long done, long total, long elapsedMillis) {
    double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
    double rate = done * 1000.0 / elapsedMillis;
    long etaSeconds = rate <= 0 ? 0 : (long) Math.ceil((total - done) / rate);
    return String.format(
        Locale.ROOT,
        "%s [%s] %3d%% %.1f/%.1f MB %.1f MB/s ETA %d:%02d",
        name,
        bar,
        (int) (fraction * 100),
        done / 1e6,
        total / 1e6,
        rate / 1e6,
        etaSeconds / 60,
        etaSeconds % 60);
  }
}
