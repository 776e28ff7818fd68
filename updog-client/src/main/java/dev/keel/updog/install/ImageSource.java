package dev.keel.updog.install;

import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.VerifyingInputStream;
import dev.keel.tuf.error.TufException;

/**
 * Opens a target's bytes, capped at its signed length and verified at end of stream ({@code
 * Updater.openTarget}).
 */
@FunctionalInterface
public interface ImageSource {
  VerifyingInputStream open(TargetInfo target) throws TufException;
}
