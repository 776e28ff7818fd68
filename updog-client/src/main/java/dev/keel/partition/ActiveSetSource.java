package dev.keel.partition;

import java.nio.file.Path;

/** How {@link PartitionState#load} learns which set the running OS booted from (spec §4.3). */
public interface ActiveSetSource {
  /**
   * @throws ActiveSetNotFoundException if this source cannot tell
   */
  SetSelect find(SetLayout sets) throws ActiveSetNotFoundException;

  /** Always {@code set}: for tests, and for a host being created. */
  static ActiveSetSource fixed(SetSelect set) {
    return sets -> set;
  }

  /**
   * What signpost does on a host whose paths start at {@code root}: the booted BOOT partition's
   * {@code PARTUUID=} on {@code <root>/proc/cmdline} (what GRUB passes), else the partition under
   * the device mounted at {@code <root>/} found through {@code <root>/sys}.
   */
  static ActiveSetSource host(Path root) {
    ActiveSetSource cmdline = new KernelCommandLine(root.resolve("proc/cmdline"));
    ActiveSetSource device = sets -> RootDevice.of(root).activeSet(sets);
    return sets -> {
      try {
        return cmdline.find(sets);
      } catch (ActiveSetNotFoundException first) {
        try {
          return device.find(sets);
        } catch (ActiveSetNotFoundException second) {
          throw new ActiveSetNotFoundException(
              "cannot tell the active partition set: "
                  + first.getMessage()
                  + "; "
                  + second.getMessage());
        }
      }
    };
  }
}
