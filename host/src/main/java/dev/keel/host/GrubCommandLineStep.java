package dev.keel.host;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code DIR/proc/cmdline}: the {@code linux} line of the booted BOOT partition's {@code
 * grub/grub.cfg} (read with debugfs), with {@code $boot_uuid} replaced by the partition's unique
 * GUID in lowercase, as GRUB passes it, and {@code BOOT_IMAGE} first.
 */
final class GrubCommandLineStep implements BootStep {
  private static final Pattern LINUX =
      Pattern.compile("^\\s*linux\\s+\\(\\$root\\)(\\S+)\\s*(.*)$", Pattern.MULTILINE);

  @Override
  public String name() {
    return "kernel command line";
  }

  @Override
  public void run(BootedSystem system) throws HostException {
    int ss = system.disk().sectorSize();
    String cfg = Ext4.cat(system.host().disk(), system.boot().byteOffset(ss), "/grub/grub.cfg");
    Matcher m = LINUX.matcher(cfg.replace("\\\n", " "));
    if (!m.find()) {
      throw new BootFailedException(
          "grub.cfg of BOOT partition " + system.boot().number() + " has no linux line");
    }
    String args =
        m.group(2)
            .replaceAll("\\s+", " ")
            .replace("$boot_uuid", system.boot().uniqueGuid().toString());
    HostFiles.write(
        system.host().cmdline(),
        "BOOT_IMAGE=(hd0,gpt" + system.boot().number() + ")" + m.group(1) + " " + args + "\n");
  }
}
