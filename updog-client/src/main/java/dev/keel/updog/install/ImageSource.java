package dev.keel.updog.install;

import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.VerifyingInputStream;
import dev.keel.tuf.error.TufException;
import java.io.InputStream;
import java.util.function.UnaryOperator;

/**
 * Opens a target's bytes, capped at its signed length and verified at end of stream ({@code
 * Updater.openTarget}), with {@code receive} wrapped around the transport's body before the
 * verification reads it.
 */
@FunctionalInterface
public interface ImageSource {
  VerifyingInputStream open(TargetInfo target, UnaryOperator<InputStream> receive)
      throws TufException;
}
