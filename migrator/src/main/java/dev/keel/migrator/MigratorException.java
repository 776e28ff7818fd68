package dev.keel.migrator;

/**
 * Root of the migrator's own failures (TUF, datastore and manifest errors keep their own types).
 * Checked; one subclass per failed check. The migrator exits 1 with the message.
 */
public abstract sealed class MigratorException extends Exception
    permits MigratorException.BadDatastoreLinks,
        MigratorException.MigrationNotFound,
        MigratorException.MigrationFailed,
        MigratorException.WroteOutsideTarget,
        MigratorException.MadeNoDatastore,
        MigratorException.BadMigrationFile,
        MigratorException.BadOsRelease {

  protected MigratorException(String message) {
    super(message);
  }

  protected MigratorException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The version links do not form the chain {@code current -> vM -> vM.m -> vM.m.p -> dir}. */
  public static final class BadDatastoreLinks extends MigratorException {
    public BadDatastoreLinks(String message) {
      super(message);
    }

    public BadDatastoreLinks(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The manifest names a migration that the signed targets do not list, or whose file is not
   * cached.
   */
  public static final class MigrationNotFound extends MigratorException {
    private final String name;

    public MigrationNotFound(String name, String where) {
      super("Migration not found: " + name + " (" + where + ")");
      this.name = name;
    }

    public String name() {
      return name;
    }
  }

  /** A migration exited non-zero; {@link #stderr()} is what it printed there. */
  public static final class MigrationFailed extends MigratorException {
    private final String name;
    private final int exitCode;
    private final String stderr;

    public MigrationFailed(String name, int exitCode, String stderr) {
      super(
          "Migration "
              + name
              + " failed with exit code "
              + exitCode
              + (stderr.isBlank() ? "" : ":\n" + stderr.strip()));
      this.name = name;
      this.exitCode = exitCode;
      this.stderr = stderr;
    }

    public String name() {
      return name;
    }

    public int exitCode() {
      return exitCode;
    }

    public String stderr() {
      return stderr;
    }
  }

  /** A migration changed something besides its own target directory. */
  public static final class WroteOutsideTarget extends MigratorException {
    public WroteOutsideTarget(String name, String what) {
      super("Migration " + name + " wrote outside its target " + what);
    }
  }

  /** A migration exited 0 without creating a datastore ({@code live/}) at its target. */
  public static final class MadeNoDatastore extends MigratorException {
    public MadeNoDatastore(String name, java.nio.file.Path target) {
      super("Migration " + name + " exited 0 but made no datastore (no live/) at " + target);
    }
  }

  /** A verified migration target could not be decompressed or written to its private file. */
  public static final class BadMigrationFile extends MigratorException {
    public BadMigrationFile(String name, String problem, Throwable cause) {
      super("Migration " + name + ": " + problem, cause);
    }
  }

  /** {@code os-release} is missing, unreadable, or has no valid {@code VERSION_ID}. */
  public static final class BadOsRelease extends MigratorException {
    public BadOsRelease(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
