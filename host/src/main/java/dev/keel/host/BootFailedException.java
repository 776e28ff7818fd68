package dev.keel.host;

/**
 * The simulated machine did not boot: GRUB found no bootable BOOT partition ("boot failed", then
 * the real machine reboots), or the chosen set did not come up (its ROOT holds no filesystem with
 * an os-release, as a kernel would panic). Any tries decrement happened before and stays.
 */
public final class BootFailedException extends HostException {
  public BootFailedException(String message) {
    super("boot failed: " + message);
  }
}
