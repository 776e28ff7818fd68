package dev.keel.updog.install;

/** Hears how an install advances; {@link #NONE} when nobody watches (output is not a terminal). */
public interface InstallProgress {
  InstallProgress NONE = new InstallProgress() {};

  /** {@code write} starts. */
  default void started(ImageWrite write) {}

  /** {@code downloaded} of the target's compressed bytes have been decoded and written so far. */
  default void advanced(ImageWrite write, long downloaded) {}

  /** {@code write} is verified and on disk; {@code timing} says where the time went. */
  default void finished(ImageWrite write, ImageTiming timing) {}
}
