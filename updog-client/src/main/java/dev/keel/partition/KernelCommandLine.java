package dev.keel.partition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The active set from the kernel command line: GRUB's grub.cfg passes the booted BOOT partition's
 * unique GUID as {@code PARTUUID=<guid>/PARTNROFF=1} (root) and {@code /PARTNROFF=2} (hash) inside
 * {@code dm-mod.create=}. A {@code PARTUUID=} naming any partition of a set picks that set.
 */
public final class KernelCommandLine implements ActiveSetSource {
  private static final Pattern PARTUUID =
      Pattern.compile(
          "PARTUUID=([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
  private final Path file;

  /**
   * @param file {@code /proc/cmdline}, or its counterpart under a host root
   */
  public KernelCommandLine(Path file) {
    this.file = file;
  }

  /** Every {@code PARTUUID=} GUID on {@code cmdline}, in order. */
  public static List<Guid> partUuids(String cmdline) {
    List<Guid> out = new ArrayList<>();
    Matcher m = PARTUUID.matcher(cmdline);
    while (m.find()) {
      out.add(Guid.parse(m.group(1)));
    }
    return out;
  }

  @Override
  public SetSelect find(SetLayout sets) throws ActiveSetNotFoundException {
    String cmdline;
    try {
      cmdline = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ActiveSetNotFoundException(file + " does not exist");
    } catch (IOException e) {
      throw new ActiveSetNotFoundException("cannot read " + file + ": " + e.getMessage());
    }
    List<Guid> uuids = partUuids(cmdline);
    for (Guid uuid : uuids) {
      for (SetSelect s : SetSelect.values()) {
        Optional<PartitionSet> set = sets.find(s);
        if (set.isPresent()
            && (set.get().boot().uniqueGuid().equals(uuid)
                || set.get().root().uniqueGuid().equals(uuid)
                || set.get().hash().uniqueGuid().equals(uuid))) {
          return s;
        }
      }
    }
    throw new ActiveSetNotFoundException(
        uuids.isEmpty()
            ? file + " has no PARTUUID="
            : file + ": PARTUUID " + uuids + " is not in either partition set");
  }
}
