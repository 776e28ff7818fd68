package dev.keel.host;

/** Root of the simulated host's failures, one subclass per failed check. */
public abstract sealed class HostException extends Exception
    permits BootFailedException, ToolFailedException, HostSetupException {
  protected HostException(String message) {
    super(message);
  }

  protected HostException(String message, Throwable cause) {
    super(message, cause);
  }
}
