package dev.keel.host;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.partition.ActiveSetSource;
import dev.keel.partition.FileBlockDevice;
import dev.keel.partition.GptTable;
import dev.keel.partition.PartitionException;
import dev.keel.partition.PartitionState;
import dev.keel.signpost.StatusReport;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code host status}: the booted version and set, and the partitions with their bits, text or
 * JSON.
 */
final class HostStatus {
  private final HostDir host;

  HostStatus(HostDir host) {
    this.host = host;
  }

  /**
   * os-release's fields, keys upper-cased, quotes stripped (spec §3.3); empty before the first
   * boot.
   */
  Map<String, String> osRelease() throws HostSetupException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.exists(host.osRelease())) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(host.osRelease())) {
        int eq = line.indexOf('=');
        if (line.startsWith("#") || eq < 0) {
          continue;
        }
        String v = line.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        out.put(line.substring(0, eq).trim().toUpperCase(java.util.Locale.ROOT), v);
      }
    } catch (IOException e) {
      throw new HostSetupException("cannot read " + host.osRelease() + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Text or JSON (a pretty object with a final newline). */
  String render(boolean json) throws HostException, PartitionException {
    Map<String, String> os = osRelease();
    try (FileBlockDevice disk = FileBlockDevice.open(host.disk(), OptionalInt.empty())) {
      GptTable table = GptTable.read(disk);
      // Without a kernel command line the host is not running (never booted, or its last boot
      // failed).
      Optional<PartitionState> state =
          Files.exists(host.cmdline())
              ? Optional.of(PartitionState.of(disk, table, ActiveSetSource.host(host.dir())))
              : Optional.empty();
      String grubNext =
          GptPrioNext.choose(table)
              .map(p -> "partition " + p.number() + " " + p.name())
              .orElse("none (boot failed)");
      if (json) {
        ObjectNode o =
            state
                .map(s -> new StatusReport(s).json())
                .orElseGet(
                    () -> new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
        o.put("host", host.dir().toString());
        ObjectNode booted = o.putObject("booted");
        if (state.isEmpty()) {
          booted.putNull("version");
        } else {
          booted.put("version", os.get("VERSION_ID"));
          booted.put("variant", os.get("VARIANT_ID"));
          booted.put("build_id", os.get("BUILD_ID"));
          booted.put("pretty_name", os.get("PRETTY_NAME"));
        }
        o.put("grub_next", grubNext);
        return StatusReport.render(o);
      }
      StringBuilder sb = new StringBuilder("Host:    " + host.dir() + "\n");
      sb.append("Booted:  ")
          .append(
              state.isEmpty()
                  ? "nothing (not booted, or the last boot failed)"
                  : os.get("PRETTY_NAME") + ", build " + os.get("BUILD_ID"))
          .append('\n');
      state.ifPresent(s -> sb.append(new StatusReport(s).text()));
      sb.append("GRUB:    next boot picks ").append(grubNext).append('\n');
      return sb.toString();
    } catch (IOException e) {
      throw new HostSetupException("cannot open " + host.disk() + ": " + e.getMessage(), e);
    }
  }
}
