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
import java.util.function.UnaryOperator;
import net.jpountz.lz4.LZ4Exception;

/**
 * Carries out an {@link InstallPlan}: for each image, a pipeline of three threads: the transport's
 * body received ahead on one, the TUF verification (length and SHA-256) read ahead on the next, and
 * on the caller's the {@link Lz4FrameDecoder} (lz4-java's JNI block decoder) into the partition's
 * extent of the disk channel, never past its end, with the write-back started along the way ({@link
 * EarlyWriteback}); then {@code fsync}. Three stages on two cores: the scheduler keeps both busy
 * whichever stage is the slowest on a given machine. The caller must have made the inactive set
 * unbootable on disk before, and may mark it valid only after {@link #install} returned.
 *
 * <p>Every stream failure is converted in one place ({@link #failure}): a length or hash mismatch
 * becomes {@link ImageVerificationException}, a failed download {@link RepositoryFailureException},
 * a bad LZ4 frame {@link ImageFormatException}, a failed disk write {@link DiskException}, an image
 * longer than its partition {@link ImageTooLargeException}. Memory: 8 read-ahead chunks of 1 MiB
 * per stage and the decoder's two block buffers of 4 MiB (one of them direct, written to the disk
 * as it is).
 */
public final class ImageInstaller {
  static final int CHUNK = 1 << 20;
  // Per read-ahead stage (receive, hash): two LZ4 blocks of 4 MiB, so that each stage can run a
  // block ahead of the next.
  private static final int READ_AHEAD = 8;
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
    String kind = write.kind().name().toLowerCase(Locale.ROOT);
    Receiver receiver = new Receiver("updog-receive-" + kind);
    VerifyingInputStream verified;
    try {
      verified = source.open(write.target(), receiver);
    } catch (TufException e) {
      throw new RepositoryFailureException("downloading " + write.targetName(), e);
    }
    try (ReadAheadInputStream hashed =
            new ReadAheadInputStream(verified, CHUNK, READ_AHEAD, "updog-hash-" + kind);
        EarlyWriteback writeback =
            new EarlyWriteback(disk, WRITEBACK_INTERVAL, "updog-writeback-" + kind)) {
      PartitionExtent extent = new PartitionExtent(write, writeback, hashed);
      long written = new Lz4FrameDecoder(hashed).decodeTo(extent);
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
          Duration.ofNanos(hashed.starvedNanos()),
          Duration.ofNanos(receiver.starvedNanos()),
          Duration.ofNanos(receiver.backedUpNanos()),
          Duration.ofNanos(end - forceStart));
    } catch (IOException | LZ4Exception e) {
      throw failure(write, e);
    } finally {
      // Closing `hashed` has closed the receiver's stream already (closing again only joins its
      // finished thread, and the transport's body ignores a second close);
      // this stops its thread when the stages after it were never built.
      receiver.close();
    }
  }

  /**
   * The first stage: the transport's body read ahead on a thread of its own, so that receiving (the
   * HTTP client) and hashing (the verifying stream, read ahead on the next thread) run on different
   * cores.
   */
  private static final class Receiver implements UnaryOperator<InputStream> {
    private final String threadName;
    private ReadAheadInputStream stream;

    Receiver(String threadName) {
      this.threadName = threadName;
    }

    @Override
    public InputStream apply(InputStream body) {
      stream = new ReadAheadInputStream(body, CHUNK, READ_AHEAD, threadName);
      return stream;
    }

    long starvedNanos() {
      return stream == null ? 0 : stream.starvedNanos();
    }

    long backedUpNanos() {
      return stream == null ? 0 : stream.backedUpNanos();
    }

    void close() {
      if (stream != null) {
        try {
          stream.close();
        } catch (IOException e) {
          // Closing ends the read-ahead thread; an error from the transport then changes nothing.
        }
      }
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
