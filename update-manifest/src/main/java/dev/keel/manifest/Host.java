package dev.keel.manifest;

import java.util.Objects;

/**
 * What update selection needs to know about the running host.
 *
 * @param variant {@code VARIANT_ID} from os-release
 * @param arch the host architecture as written in manifests ({@code x86_64}, {@code aarch64})
 * @param version the running OS version ({@code VERSION_ID})
 * @param seed {@code settings.updates.seed}
 */
public record Host(String variant, String arch, SemVer version, Seed seed) {
  public Host {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(seed, "seed");
  }
}
