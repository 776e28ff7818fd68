package dev.keel.updog;

import dev.keel.updog.error.RebootException;
import java.io.IOException;
import java.util.List;

/**
 * {@code --reboot}: runs the reboot command ({@code shutdown -r now} unless {@code
 * --reboot-command}).
 */
final class Reboot {
  static final List<String> DEFAULT = List.of("shutdown", "-r", "now");

  private Reboot() {}

  static void run(List<String> command, Diagnostics log) throws RebootException {
    log.info("Rebooting: " + String.join(" ", command));
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      int code = p.waitFor();
      if (code != 0) {
        throw new RebootException(
            "reboot command '" + String.join(" ", command) + "' exited " + code, null);
      }
    } catch (IOException e) {
      throw new RebootException(
          "could not run the reboot command '" + String.join(" ", command) + "': " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RebootException("interrupted while waiting for the reboot command", e);
    }
  }
}
