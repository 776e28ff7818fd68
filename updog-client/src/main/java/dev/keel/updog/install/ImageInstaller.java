package dev.keel.updog.install;

import dev.keel.tuf.client.VerificationIOException;
import dev.keel.tuf.client.VerifyingInputStream;
import dev.keel.tuf.error.LengthOrHashMismatchException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.transport.DownloadIOException;
import dev.keel.updog.error.DiskException;
import dev.keel.updog.error.ImageFormatException;
import dev.keel.updog.error.ImageTooLargeException;
import dev.keel.updog.error.ImageVerificationException;
import dev.keel.updog.error.RepositoryFailureException;
import dev.keel.updog.error.UpdogException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * Carries out an {@link InstallPlan}: for each image, the TUF-verified target stream, read ahead on
 * a second thread, through lz4-java's frame decoder into the partition's extent of the disk
 * channel, never past its end; then {@code fsync}. The caller must have made the inactive set
 * unbootable on disk before, and may mark it valid only after {@link #install} returned.
 *
 * <p>Every stream failure is converted in one place ({@link #failure}): a length or hash mismatch
 * becomes {@link ImageVerificationException}, a failed download {@link RepositoryFailureException},
 * a bad LZ4 frame {@link ImageFormatException}, a failed disk write {@link DiskException}. Memory:
 * 12 read-ahead chunks of 1 MiB, the decoder's block buffers (4 MiB blocks: 8 MiB) and a 1 MiB
 * write buffer.
 */
public final class ImageInstaller {
  static final int CHUNK = 1 << 20;
  // Three LZ4 blocks of 4 MiB: the download can run a block or two ahead while the decoder works on
  // one.
  private static final int READ_AHEAD = 12;

  private final ImageSource source;
  private final FileChannel disk;
  private final InstallProgress progress;

  public ImageInstaller(ImageSource source, FileChannel disk, InstallProgress progress) {
    this.source = source;
    this.disk = disk;
    this.progress = progress;
  }

  /**
   * Writes every image of {@code plan}, in order; each one is on disk (forced) before the next
   * starts.
   *
   * @throws UpdogException for the first image that failed; later images are not touched
   */
  public void install(InstallPlan plan) throws UpdogException {
    for (ImageWrite write : plan.writes()) {
      progress.started(write);
      progress.finished(write, write(write));
    }
  }

  /** Thrown by {@link #put} so that {@link #failure} can tell the disk from the stream. */
  private static final class DiskIOException extends IOException {
    DiskIOException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private ImageTiming write(ImageWrite write) throws UpdogException {
    long start = System.nanoTime();
    VerifyingInputStream verified;
    try {
      verified = source.open(write.target());
    } catch (TufException e) {
      throw new RepositoryFailureException("downloading " + write.targetName(), e);
    }
    try (ReadAheadInputStream ahead =
            new ReadAheadInputStream(
                verified,
                CHUNK,
                READ_AHEAD,
                "updog-download-" + write.kind().name().toLowerCase(Locale.ROOT));
        InputStream lz4 = new LZ4FrameInputStream(ahead)) {
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      long written = 0;
      while (true) {
        int n = lz4.readNBytes(buf.array(), 0, CHUNK);
        if (n <= 0) {
          break;
        }
        if (written + n > write.length()) {
          throw new ImageTooLargeException(write.targetName(), write.partition(), write.length());
        }
        buf.clear().limit(n);
        put(buf, write.offset() + written);
        written += n;
        progress.advanced(write, ahead.consumed());
      }
      // The decoder reads until the end of the target (more frames may follow one), and the end
      // is where the length and hash are checked: reaching it here means they matched.
      if (!verified.isVerified()) {
        throw new IllegalStateException(
            write.targetName() + ": decoder stopped before the end of the target");
      }
      long forceStart = System.nanoTime();
      force();
      long end = System.nanoTime();
      return new ImageTiming(
          written,
          Duration.ofNanos(end - start),
          Duration.ofNanos(ahead.starvedNanos()),
          Duration.ofNanos(ahead.backedUpNanos()),
          Duration.ofNanos(end - forceStart));
    } catch (IOException | LZ4Exception e) {
      throw failure(write, e);
    }
  }

  private void put(ByteBuffer buf, long position) throws DiskIOException {
    try {
      while (buf.hasRemaining()) {
        position += disk.write(buf, position);
      }
    } catch (IOException e) {
      throw new DiskIOException(e);
    }
  }

  private void force() throws DiskIOException {
    try {
      disk.force(true);
    } catch (IOException e) {
      throw new DiskIOException(e);
    }
  }

  /** The one place where a stream failure becomes a typed updog failure. */
  private static UpdogException failure(ImageWrite write, Exception e) {
    String name = write.targetName();
    if (e instanceof DiskIOException disk) {
      return new DiskException(
          "writing " + name + " to " + write.partition() + ": " + disk.getMessage(),
          disk.getCause());
    }
    Optional<LengthOrHashMismatchException> mismatch = VerificationIOException.find(e);
    if (mismatch.isPresent()) {
      return new ImageVerificationException(name, mismatch.get());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DownloadIOException d) {
        return new RepositoryFailureException("downloading " + name, d.download());
      }
    }
    // The transport reports every failure as one of the two above, so the rest is the decoder's.
    return new ImageFormatException(name, e);
  }
}
