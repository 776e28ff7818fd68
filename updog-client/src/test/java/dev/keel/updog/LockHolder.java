package dev.keel.updog;

import java.nio.file.Path;

/**
 * A child process that takes the update lock, says so, and holds it until it is killed or stdin
 * closes.
 */
public final class LockHolder {
  public static void main(String[] args) throws Exception {
    try (UpdateLock lock =
        UpdateLock.acquire(Path.of(args[0]), false, new Diagnostics(System.err, LogLevel.INFO))) {
      System.out.println("locked");
      System.out.flush();
      System.in.read();
    }
  }
}
