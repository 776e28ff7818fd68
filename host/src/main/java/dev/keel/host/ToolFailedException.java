package dev.keel.host;

import java.util.List;

/** A system tool (mkfs.ext4, debugfs) failed: the message names the command and what it printed. */
public final class ToolFailedException extends HostException {
  private final List<String> command;

  public ToolFailedException(List<String> command, String message) {
    super(command.get(0) + ": " + message);
    this.command = List.copyOf(command);
  }

  public List<String> command() {
    return command;
  }
}
