package dev.keel.host;

/**
 * Writes {@code DIR/usr/lib/os-release} from the booted ROOT partition's ext4 filesystem (read with
 * debugfs).
 */
final class OsReleaseStep implements BootStep {
  @Override
  public String name() {
    return "os-release";
  }

  @Override
  public void run(BootedSystem system) throws HostException {
    int ss = system.disk().sectorSize();
    String osRelease =
        Ext4.cat(system.host().disk(), system.root().byteOffset(ss), "/usr/lib/os-release");
    if (osRelease.isBlank()) {
      throw new BootFailedException(
          "ROOT partition " + system.root().number() + " has an empty /usr/lib/os-release");
    }
    HostFiles.write(system.host().osRelease(), osRelease);
  }
}
