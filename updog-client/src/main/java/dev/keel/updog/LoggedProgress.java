package dev.keel.updog;

import dev.keel.updog.install.ImageTiming;
import dev.keel.updog.install.ImageWrite;
import dev.keel.updog.install.InstallProgress;
import java.util.Locale;

/** Passes progress on to {@code bar} and logs each image's timing at debug level. */
final class LoggedProgress implements InstallProgress {
  private final Diagnostics log;
  private final InstallProgress bar;

  LoggedProgress(Diagnostics log, InstallProgress bar) {
    this.log = log;
    this.bar = bar;
  }

  @Override
  public void started(ImageWrite write) {
    bar.started(write);
  }

  @Override
  public void advanced(ImageWrite write, long downloaded) {
    bar.advanced(write, downloaded);
  }

  @Override
  public void finished(ImageWrite write, ImageTiming t) {
    bar.finished(write, t);
    log.debug(
        String.format(
            Locale.ROOT,
            "wrote %s to %s: %d bytes in %.2f s (%.0f MB/s); decoder waited %.2f s for verified"
                + " bytes, hasher %.2f s for received bytes, receiver %.2f s for the hasher;"
                + " fsync %.2f s",
            write.targetName(),
            write.partition(),
            t.written(),
            t.total().toMillis() / 1e3,
            t.megabytesPerSecond(),
            t.decoderWaited().toMillis() / 1e3,
            t.hasherWaited().toMillis() / 1e3,
            t.receiverWaited().toMillis() / 1e3,
            t.fsync().toMillis() / 1e3));
  }
}
