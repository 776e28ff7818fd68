package dev.keel.cli;

/** The command line itself is wrong: unknown option, missing argument. Tools exit with 2. */
public final class UsageException extends Exception {
  public UsageException(String message) {
    super(message);
  }
}
