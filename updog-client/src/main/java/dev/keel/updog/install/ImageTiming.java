package dev.keel.updog.install;

import java.time.Duration;

/**
 * Where one image's time went, to tell the slowest stage of the pipeline: the download thread (HTTP
 * and SHA-256) or the decoder thread (LZ4 and the partition write), then fsync.
 *
 * @param written decompressed bytes written to the partition
 * @param total from opening the target to the end of fsync
 * @param decoderWaited time the decoder thread waited for downloaded bytes (download is slower)
 * @param downloadWaited time the download thread waited for the decoder (decoding and writing are
 *     slower)
 * @param fsync time of the final {@code fsync}
 */
public record ImageTiming(
    long written, Duration total, Duration decoderWaited, Duration downloadWaited, Duration fsync) {

  /** Decompressed MB/s over {@link #total()}. */
  public double megabytesPerSecond() {
    return written / 1e6 / Math.max(1e-9, total.toNanos() / 1e9);
  }
}
