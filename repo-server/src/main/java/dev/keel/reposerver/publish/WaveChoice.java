package dev.keel.reposerver.publish;

import dev.keel.manifest.WavePolicy;

/** How a release rolls out: in waves from a policy, or to every host at once. */
public sealed interface WaveChoice {
  /** No waves: every host may update as soon as the release is published. */
  record None() implements WaveChoice {}

  /** Waves from {@code policy}; {@code source} names it (a built-in name or "request"). */
  record Policy(String source, WavePolicy policy) implements WaveChoice {}
}
