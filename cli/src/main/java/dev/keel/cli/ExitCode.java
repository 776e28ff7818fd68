package dev.keel.cli;

/**
 * The exit codes every Keel tool shares. A tool may document codes of its own above these (for
 * example {@code tuf-client}, which uses 1 for every failure as the conformance suite expects).
 */
public final class ExitCode {
  /** The command did what it was asked. */
  public static final int OK = 0;

  /** The command failed; the message on stderr names what was wrong. */
  public static final int ERROR = 1;

  /** The command line itself is wrong: unknown option, missing or malformed argument. */
  public static final int USAGE = 2;

  /**
   * Nothing to do: no update available ({@code check-update}, {@code update}, {@code
   * update-image}).
   */
  public static final int NOTHING_TO_DO = 3;

  private ExitCode() {}
}
