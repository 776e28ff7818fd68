package dev.keel.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What identifies a Bottlerocket release: version, variant, arch and build ID, as os-release
 * carries them (spec §3.3) and as the build names its images (§2.1): {@code
 * bottlerocket-<variant>-<arch>-<version>-<build_id>-boot.ext4.lz4}, {@code -root.ext4.lz4}, {@code
 * -root.verity.lz4}.
 */
public record Release(String version, String variant, String arch, String buildId) {
  private static final String SEMVER =
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?";

  public Release {
    Objects.requireNonNull(version);
    Objects.requireNonNull(variant);
    Objects.requireNonNull(arch);
    Objects.requireNonNull(buildId);
    if (!version.matches(SEMVER)) {
      throw new IllegalArgumentException(
          "version must be SemVer (like 1.1.0), got '" + version + "'");
    }
    if (!variant.matches("[a-z0-9][a-z0-9.-]*")) {
      throw new IllegalArgumentException(
          "variant must be lowercase letters, digits, '.' and '-', got '" + variant + "'");
    }
    if (!arch.equals("x86_64") && !arch.equals("aarch64")) {
      throw new IllegalArgumentException("arch must be x86_64 or aarch64, got '" + arch + "'");
    }
    if (!buildId.matches("[0-9a-z]+")) {
      throw new IllegalArgumentException(
          "build ID must be lowercase hex or letters, got '" + buildId + "'");
    }
  }

  /**
   * A release whose build ID is derived from the other three (8 hex digits), as a commit ID would
   * be.
   */
  public static Release of(String version, String variant, String arch) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((variant + " " + arch + " " + version).getBytes(StandardCharsets.UTF_8));
      return new Release(version, variant, arch, HexFormat.of().formatHex(h, 0, 4));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The target name of one of the three update images. */
  public String imageName(ImageKind kind) {
    return "bottlerocket-"
        + variant
        + "-"
        + arch
        + "-"
        + version
        + "-"
        + buildId
        + "-"
        + kind.suffix();
  }

  public String prettyName() {
    return "Bottlerocket OS " + version + " (" + variant + ")";
  }

  /** {@code /usr/lib/os-release} as the image build writes it. */
  public String osRelease() {
    return "NAME=Bottlerocket\n"
        + "ID=bottlerocket\n"
        + "VERSION=\""
        + version
        + " ("
        + variant
        + ")\"\n"
        + "PRETTY_NAME=\""
        + prettyName()
        + "\"\n"
        + "VARIANT_ID="
        + variant
        + "\n"
        + "VERSION_ID="
        + version
        + "\n"
        + "BUILD_ID="
        + buildId
        + "\n"
        + "HOME_URL=\"https://github.com/bottlerocket-os/bottlerocket\"\n"
        + "SUPPORT_URL=\"https://github.com/bottlerocket-os/bottlerocket/discussions\"\n"
        + "BUG_REPORT_URL=\"https://github.com/bottlerocket-os/bottlerocket/issues\"\n";
  }
}
