package dev.keel.host;

import dev.keel.partition.FileBlockDevice;
import dev.keel.partition.GptTable;
import dev.keel.partition.NoValidGptException;
import dev.keel.partition.Partition;
import dev.keel.partition.PartitionException;
import dev.keel.partition.PartitionType;
import dev.keel.partition.SetLayout;
import dev.keel.partition.SetSelect;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A boot of the simulated host: GRUB's {@code gptprio.next} (spec §4.5) on the host's disk, then
 * the boot steps in order.
 *
 * <ol>
 *   <li>Read the GPT; if a copy is damaged, repair it (write the whole table) first.
 *   <li>Choose a BOOT partition ({@link GptPrioNext}); none is "boot failed".
 *   <li>If it has tries left, decrement them and write the GPT (backup first) before booting.
 *   <li>Run the {@link BootStep}s: the kernel command line, os-release from ROOT, then the migrator
 *       on the settings datastore.
 * </ol>
 */
public final class Bootloader {
  /**
   * What runs after GRUB's choice, in order, and the extension point for later boot-time work. The
   * migrator (spec §5.3, {@code migrator.service}, which runs before mark-successful-boot) comes
   * right after {@link OsReleaseStep}, once os-release names the booted version.
   */
  public static final List<BootStep> STANDARD_STEPS =
      List.of(new GrubCommandLineStep(), new OsReleaseStep(), new MigratorStep());

  private final List<BootStep> steps;
  private final Console console;

  public Bootloader(List<BootStep> steps, Console console) {
    this.steps = List.copyOf(steps);
    this.console = console;
  }

  /** Boots {@code host} once. */
  public BootedSystem boot(HostDir host) throws HostException, PartitionException {
    powerOff(host);
    try (FileBlockDevice disk = FileBlockDevice.open(host.disk(), OptionalInt.empty())) {
      GptTable table;
      try {
        table = GptTable.read(disk);
      } catch (NoValidGptException e) {
        throw new BootFailedException(e.getMessage());
      }
      if (!table.damage().isEmpty()) {
        table.write(disk);
        table = table.repaired();
      }
      Optional<Partition> chosen = GptPrioNext.choose(table);
      if (chosen.isEmpty()) {
        throw new BootFailedException(
            "no such partition (no BOOT partition has a priority and a try left or success) on "
                + host.disk());
      }
      Partition boot = chosen.get();
      GptTable after = GptPrioNext.afterBooting(table, boot);
      if (after != table) {
        after.write(disk);
      }
      SetLayout layout;
      try {
        layout = SetLayout.of(after);
      } catch (PartitionException e) {
        throw new BootFailedException(e.getMessage());
      }
      SetSelect set = layout.setOf(boot.number()).orElseThrow();
      Partition root = relative(after, boot, 1, PartitionType.ROOT);
      Partition hash = relative(after, boot, 2, PartitionType.HASH);
      BootedSystem booted =
          new BootedSystem(host, disk, set, after.get(boot.number()), root, hash, console);
      for (BootStep step : steps) {
        try {
          step.run(booted);
        } catch (HostException e) {
          powerOff(host);
          throw e instanceof BootFailedException
              ? e
              : new BootFailedException(
                  "set " + set + " did not come up (" + step.name() + "): " + e.getMessage());
        }
      }
      return booted;
    } catch (IOException e) {
      throw new HostSetupException("cannot open " + host.disk() + ": " + e.getMessage(), e);
    }
  }

  /**
   * grub.cfg's {@code PARTUUID=$boot_uuid/PARTNROFF=n}: the entry n after BOOT, which must be of
   * {@code type}.
   */
  private static Partition relative(GptTable table, Partition boot, int offset, PartitionType type)
      throws BootFailedException {
    Optional<Partition> p = table.find(boot.number() + offset);
    if (p.isEmpty() || !p.get().is(type)) {
      throw new BootFailedException(
          "PARTNROFF="
              + offset
              + " from BOOT partition "
              + boot.number()
              + " is not a "
              + type.label()
              + " partition");
    }
    return p.get();
  }

  /**
   * What a running system shows is gone: its kernel command line and its root filesystem's
   * os-release.
   */
  private static void powerOff(HostDir host) throws HostSetupException {
    try {
      Files.deleteIfExists(host.cmdline());
      Files.deleteIfExists(host.osRelease());
    } catch (IOException e) {
      throw new HostSetupException("cannot reset " + host.dir() + ": " + e.getMessage(), e);
    }
  }
}
