package dev.keel.migrator.datastore;

import dev.keel.manifest.SemVer;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Names in the datastore directory: real datastores are {@code v<version>_<16 random
 * alphanumerics>} (never parsed for their version), the version links {@code vM}, {@code vM.m},
 * {@code vM.m.p}.
 */
public final class DatastoreNames {
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Pattern DATASTORE_DIR = Pattern.compile("v[^_/]+_[A-Za-z0-9]{16}");
  private final RandomGenerator random;

  public DatastoreNames(RandomGenerator random) {
    this.random = Objects.requireNonNull(random);
  }

  /** A fresh directory name for a datastore of {@code version}. */
  public String newDirectory(SemVer version) {
    return patchLink(version) + "_" + randomAlphanumeric(16);
  }

  public String randomAlphanumeric(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return sb.toString();
  }

  /** Whether {@code name} has the shape of a datastore directory (and so may be cleaned up). */
  public static boolean isDatastoreDirectory(String name) {
    return DATASTORE_DIR.matcher(name).matches();
  }

  public static String patchLink(SemVer v) {
    return "v" + v;
  }

  public static String minorLink(SemVer v) {
    return "v" + v.major() + "." + v.minor();
  }

  public static String majorLink(SemVer v) {
    return "v" + v.major();
  }
}
