package dev.keel.host;

/**
 * One thing that happens on the simulated host after GRUB chose a partition set and before the boot
 * counts as up, in order: see {@link Bootloader#STANDARD_STEPS}. A step that fails fails the boot
 * (the tries decrement has already been written, as on a real machine).
 */
public interface BootStep {
  /** Short name for messages, e.g. {@code os-release}. */
  String name();

  void run(BootedSystem system) throws HostException;
}
