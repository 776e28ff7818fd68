package dev.keel.reposerver.publish;

import dev.keel.manifest.Manifest;
import dev.keel.manifest.MigrationKey;
import dev.keel.manifest.SemVer;
import dev.keel.manifest.Update;
import dev.keel.reposerver.store.AdminRequiredException;
import dev.keel.reposerver.store.ConflictException;
import dev.keel.reposerver.store.InvalidReleaseException;
import dev.keel.reposerver.store.InvalidReleaseException.Problem;
import dev.keel.tuf.error.InvalidTargetPathException;
import dev.keel.tuf.model.TargetFile;
import dev.keel.tuf.model.TargetPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a release as a whole before anything is signed, so that the publisher only accepts
 * releases a host can install and never changes what was already released. Pure: values in, the
 * first problem found out, as an exception.
 *
 * <ul>
 *   <li>{@link #names}: boot, root, hash and every extra target have valid, distinct names (boot
 *       and root never share one, an extra never reuses an image's); the migration table is well
 *       formed: every key goes up (FROM below TO), every name is valid, no hop lists a name twice.
 *   <li>{@link #againstRepository}: the version is new (no release of equal precedence for the
 *       variant and arch), no target name already listed is rebound to other bytes, and every
 *       migration is a target of this release or already listed.
 *   <li>{@link #maxVersionNotLowered}: a change without the admin scope never lowers the {@code
 *       max_version} of a release already published.
 * </ul>
 */
final class ReleaseCheck {
  private ReleaseCheck() {}

  /**
   * What is wrong with {@code name} as the name of a target we publish, if anything: it must be a
   * TUF target path ({@link TargetPath}), not {@code manifest.json} (the server writes that), and
   * have no control characters (CR, LF, NUL, ...), no format characters (bidi overrides and
   * isolates, zero-width characters, byte order marks), no line or paragraph separators and no
   * unpaired surrogates: names are shown to people and written into logs and headers.
   */
  static Optional<String> nameProblem(String name) {
    try {
      TargetPath path = TargetPath.of(name);
      if (!path.raw().equals(path.resolved())) {
        // Clients accept '.' and '..' segments in names other tools wrote; we never write them.
        return Optional.of(
            "'"
                + name
                + "' has '.', '..' or empty segments: publish it as '"
                + path.resolved()
                + "'");
      }
    } catch (InvalidTargetPathException e) {
      return Optional.of(e.getMessage());
    }
    if (name.equals("manifest.json")) {
      return Optional.of("manifest.json is written by the server");
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      String kind =
          switch (Character.getType(cp)) {
            case Character.CONTROL -> "a control character";
            case Character.FORMAT -> "a format character (such as a bidi override)";
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line separator";
            case Character.SURROGATE -> "an unpaired surrogate";
            default -> null;
          };
      if (kind != null) {
        return Optional.of(String.format("has %s, U+%04X, at index %d", kind, cp, i));
      }
      i += Character.charCount(cp);
    }
    return Optional.empty();
  }

  /**
   * The names of the release on their own: valid and distinct, and a well-formed migration table.
   */
  static void names(PublishRequest r) throws InvalidReleaseException {
    Set<String> seen = new HashSet<>();
    requireNew(seen, "images.boot", r.boot());
    requireNew(seen, "images.root", r.root());
    requireNew(seen, "images.hash", r.hash());
    for (int i = 0; i < r.extraTargets().size(); i++) {
      requireNew(seen, "targets[" + i + "]", r.extraTargets().get(i));
    }
    if (r.migrations().isEmpty()) {
      return;
    }
    for (Map.Entry<MigrationKey, List<String>> hop : r.migrations().get().entrySet()) {
      MigrationKey key = hop.getKey();
      if (!key.from().isBefore(key.to())) {
        throw new InvalidReleaseException(
            Problem.BACKWARDS_MIGRATION,
            "migrations "
                + key
                + ": FROM must be below TO"
                + " (hosts migrate up from FROM to TO, and back down by running the same migrations in reverse)");
      }
      Set<String> inHop = new HashSet<>();
      for (String name : hop.getValue()) {
        Optional<String> problem = nameProblem(name);
        if (problem.isPresent()) {
          throw new InvalidReleaseException(
              Problem.BAD_TARGET_NAME,
              "migrations "
                  + key
                  + ": '"
                  + printable(name)
                  + "' is not a valid target name: "
                  + problem.get());
        }
        if (!inHop.add(name)) {
          throw new InvalidReleaseException(
              Problem.DUPLICATE_MIGRATION, "migrations " + key + " lists '" + name + "' twice");
        }
      }
    }
  }

  /**
   * The release against the repository it goes into.
   *
   * @param listed the targets the repository lists now, by name
   * @param adding the targets this release lists, by name (images and extras)
   */
  static void againstRepository(
      PublishRequest r,
      Manifest current,
      Map<String, TargetFile> listed,
      Map<String, TargetFile> adding)
      throws ConflictException, InvalidReleaseException {
    for (Update u : current.updates()) {
      if (u.variant().equals(r.repository().variant())
          && u.arch().equals(r.repository().arch())
          && u.version().compareTo(r.version()) == 0) {
        throw new ConflictException(
            "release "
                + u.version()
                + " is already published in "
                + r.repository()
                + "; released versions are immutable, publish a new version instead");
      }
    }
    for (Map.Entry<String, TargetFile> t : adding.entrySet()) {
      TargetFile old = listed.get(t.getKey());
      if (old != null && !sameBytes(old, t.getValue())) {
        throw new ConflictException(
            "target "
                + t.getKey()
                + " is already listed with sha256 "
                + old.hashes().get("sha256")
                + " ("
                + old.length()
                + " bytes); released bytes are immutable, so name the"
                + " new file differently");
      }
    }
    if (r.migrations().isPresent()) {
      for (Map.Entry<MigrationKey, List<String>> hop : r.migrations().get().entrySet()) {
        for (String name : hop.getValue()) {
          if (!adding.containsKey(name) && !listed.containsKey(name)) {
            throw new InvalidReleaseException(
                Problem.MIGRATION_NOT_LISTED,
                "migrations "
                    + hop.getKey()
                    + ": '"
                    + name
                    + "' is neither a target of this release nor listed in "
                    + r.repository()
                    + "; upload it and add it"
                    + " to 'targets'");
          }
        }
      }
    }
  }

  /**
   * Refuses a change that lowers the {@code max_version} of a release present before and after it,
   * unless the caller has the admin scope: lowering it withdraws releases, as a pull does.
   */
  static void maxVersionNotLowered(Manifest before, Manifest after, Permission permission)
      throws AdminRequiredException {
    if (permission == Permission.ADMIN) {
      return;
    }
    for (Update old : before.updates()) {
      for (Update now : after.findUpdates(old.variant(), old.arch(), old.version())) {
        SemVer was = old.maxVersion();
        if (now.maxVersion().isBefore(was)) {
          throw new AdminRequiredException(
              "this would lower max_version of "
                  + old.variant()
                  + " "
                  + old.arch()
                  + " "
                  + old.version()
                  + " from "
                  + was
                  + " to "
                  + now.maxVersion()
                  + ", which withdraws releases: that needs"
                  + " the admin scope");
        }
      }
    }
  }

  private static void requireNew(Set<String> seen, String field, NamedUpload u)
      throws InvalidReleaseException {
    String name = u.name().raw();
    Optional<String> problem = nameProblem(name);
    if (problem.isPresent()) {
      throw new InvalidReleaseException(
          Problem.BAD_TARGET_NAME,
          "'"
              + field
              + ".name' '"
              + printable(name)
              + "' is not a valid target name: "
              + problem.get());
    }
    if (!seen.add(name)) {
      throw new InvalidReleaseException(
          Problem.DUPLICATE_TARGET_NAME,
          "'"
              + field
              + ".name' "
              + name
              + " is already used by another image or target of this release; every target needs its own name");
    }
  }

  private static boolean sameBytes(TargetFile a, TargetFile b) {
    return a.length() == b.length()
        && a.hashes().get("sha256") != null
        && a.hashes().get("sha256").equals(b.hashes().get("sha256"));
  }

  /** {@code name} with every character outside printable ASCII escaped, for error messages. */
  private static String printable(String name) {
    StringBuilder sb = new StringBuilder();
    name.chars()
        .forEach(
            c ->
                sb.append(
                    c >= 0x20 && c < 0x7f
                        ? String.valueOf((char) c)
                        : String.format("\\u%04x", c)));
    return sb.toString();
  }
}
