package dev.keel.reposerver.pubsys;

/** The command line itself is wrong: unknown option, missing argument. Exit code 2. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
