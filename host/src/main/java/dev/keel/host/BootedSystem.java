package dev.keel.host;

import dev.keel.partition.BlockDevice;
import dev.keel.partition.Partition;
import dev.keel.partition.SetSelect;

/**
 * What GRUB chose, as the boot steps see it.
 *
 * @param set the partition set booted
 * @param boot the BOOT partition GRUB chose; its unique GUID is the {@code PARTUUID} on the command
 *     line
 * @param root ROOT, {@code PARTNROFF=1} from BOOT
 * @param hash HASH, {@code PARTNROFF=2}
 * @param console where the steps show what they did
 */
public record BootedSystem(
    HostDir host,
    BlockDevice disk,
    SetSelect set,
    Partition boot,
    Partition root,
    Partition hash,
    Console console) {}
