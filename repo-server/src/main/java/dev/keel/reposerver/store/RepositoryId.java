package dev.keel.reposerver.store;

import java.util.regex.Pattern;

/**
 * One variant/arch repository, e.g. {@code aws-k8s-1.29/x86_64}. Both parts are single, safe path
 * segments: letters, digits, {@code .}, {@code _} and {@code -}, not starting with a dot.
 */
public record RepositoryId(String variant, String arch) {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /**
   * Folders the store keeps beside the metadata. With pubsys's layout (no prefix) a variant of that
   * name would share, and lose, its folder.
   */
  public static final java.util.Set<String> RESERVED_NAMES =
      java.util.Set.of("targets", "uploads", "staging", "work");

  public RepositoryId {
    requireSegment("variant", variant);
    requireSegment("arch", arch);
    if (RESERVED_NAMES.contains(variant)) {
      throw new IllegalArgumentException(
          "variant '" + variant + "' is reserved for the repository's own folders");
    }
  }

  /** Parses both parts, reporting a bad one as {@link InvalidRequestException}. */
  public static RepositoryId of(String variant, String arch) throws InvalidRequestException {
    try {
      return new RepositoryId(variant, arch);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  static void requireSegment(String what, String value) {
    if (value == null || !SEGMENT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' is not a valid name (letters, digits, '.', '_', '-'; must not start with '.' or '-')");
    }
  }

  @Override
  public String toString() {
    return variant + "/" + arch;
  }
}
