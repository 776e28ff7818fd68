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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import net.jpountz.lz4.LZ4Exception;

/**
 * Carries out an {@link InstallPlan}: for each image, the TUF-verified target stream (HTTP and
 * SHA-256), read ahead on a second thread, through the {@link Lz4FrameDecoder} (lz4-java's JNI
 * block decoder) into the partition's extent of the disk channel, never past its end, with the
 * write-back started along the way ({@link EarlyWriteback}); then {@code fsync}. The caller must
 * have made the inactive set unbootable on disk before, and may mark it valid only after {@link
 * #install} returned.
 *
 * <p>Every stream failure is converted in one place ({@link #failure}): a length or hash mismatch
 * becomes {@link ImageVerificationException}, a failed download {@link RepositoryFailureException},
 * a bad LZ4 frame {@link ImageFormatException}, a failed disk write {@link DiskException}, an image
 * longer than its partition {@link ImageTooLargeException}. Memory: 12 read-ahead chunks of 1 MiB
 * and the decoder's two block buffers of 4 MiB (one of them direct, written to the disk as it is).
 */
public final class ImageInstaller {
  static final int CHUNK = 1 << 20;
  // Three LZ4 blocks of 4 MiB: the download can run a block or two ahead while the decoder works on
  // one.
  private static final int READ_AHEAD = 12;
  // A background fdatasync after every 128 MiB written (see EarlyWriteback).
  private static final long WRITEBACK_INTERVAL = 128L << 20;

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

  /**
   * Thrown by {@link PartitionExtent} and on fsync so that {@link #failure} can tell the disk from
   * the stream.
   */
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
    String kind = write.kind().name().toLowerCase(Locale.ROOT);
    try (ReadAheadInputStream ahead =
            new ReadAheadInputStream(verified, CHUNK, READ_AHEAD, "updog-download-" + kind);
        EarlyWriteback writeback =
            new EarlyWriteback(disk, WRITEBACK_INTERVAL, "updog-writeback-" + kind)) {
      PartitionExtent extent = new PartitionExtent(write, writeback, ahead);
      long written = new Lz4FrameDecoder(ahead).decodeTo(extent);
      // The decoder reads until the end of the target (more frames may follow one), and the end
      // is where the length and hash are checked: reaching it here means they matched.
      if (!verified.isVerified()) {
        throw new IllegalStateException(
            write.targetName() + ": decoder stopped before the end of the target");
      }
      long forceStart = System.nanoTime();
      try {
        writeback.finish();
      } catch (IOException e) {
        throw new DiskIOException(e);
      }
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

  /** Thrown by {@link PartitionExtent} when an image would run past the end of its partition. */
  private static final class PartitionFullException extends IOException {
    PartitionFullException() {
      super("image larger than its partition");
    }
  }

  /** The partition's extent of the disk, written in order from its start, never past its end. */
  private final class PartitionExtent implements Lz4FrameDecoder.BlockSink {
    private final ImageWrite write;
    private final EarlyWriteback writeback;
    private final ReadAheadInputStream downloaded;
    private long written;

    PartitionExtent(ImageWrite write, EarlyWriteback writeback, ReadAheadInputStream downloaded) {
      this.write = write;
      this.writeback = writeback;
      this.downloaded = downloaded;
    }

    @Override
    public void accept(ByteBuffer decoded) throws IOException {
      int n = decoded.remaining();
      if (written + n > write.length()) {
        throw new PartitionFullException();
      }
      long position = write.offset() + written;
      try {
        while (decoded.hasRemaining()) {
          position += disk.write(decoded, position);
        }
      } catch (IOException e) {
        throw new DiskIOException(e);
      }
      written += n;
      writeback.written(written);
      progress.advanced(write, downloaded.consumed());
    }
  }

  /** The one place where a stream failure becomes a typed updog failure. */
  private static UpdogException failure(ImageWrite write, Exception e) {
    String name = write.targetName();
    if (e instanceof PartitionFullException) {
      return new ImageTooLargeException(name, write.partition(), write.length());
    }
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
