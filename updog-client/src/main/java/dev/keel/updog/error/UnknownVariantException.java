package dev.keel.updog.error;

import java.util.Set;

/**
 * manifest.json lists no release at all for the host's variant and architecture: a wrong {@code
 * --variant}, or an updog.toml pointing at another variant's repository. (No <em>newer</em> release
 * is "no update available", exit 3.)
 */
public final class UnknownVariantException extends UpdogException {
  private final String variant;

  public UnknownVariantException(String variant, String arch, Set<String> known) {
    super(
        "manifest.json has no release for variant '"
            + variant
            + "' on "
            + arch
            + (known.isEmpty()
                ? " (it lists no releases)"
                : "; it has " + String.join(", ", known)));
    this.variant = variant;
  }

  public String variant() {
    return variant;
  }
}
