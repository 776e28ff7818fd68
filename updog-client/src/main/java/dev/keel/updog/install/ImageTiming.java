package dev.keel.updog.install;

import java.time.Duration;

/**
 * Where one image's time went, to tell the slowest stage of the pipeline: receiving (HTTP), hashing
 * (SHA-256), or decoding and writing (LZ4 and the partition write), then fsync. A stage that waits
 * for the one before it is not the slowest.
 *
 * @param written decompressed bytes written to the partition
 * @param total from opening the target to the end of fsync
 * @param decoderWaited time the decoder waited for verified bytes (receiving or hashing is slower)
 * @param hasherWaited time the hashing stage waited for received bytes (receiving is slower)
 * @param receiverWaited time the receiving stage waited for the hasher (hashing, decoding or
 *     writing is slower)
 * @param fsync time of the final {@code fsync}
 */
public record ImageTiming(
    long written,
    Duration total,
    Duration decoderWaited,
    Duration hasherWaited,
    Duration receiverWaited,
    Duration fsync) {

  /** Decompressed MB/s over {@link #total()}. */
  public double megabytesPerSecond() {
    return written / 1e6 / Math.max(1e-9, total.toNanos() / 1e9);
  }
}
