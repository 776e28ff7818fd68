package dev.keel.signpost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.partition.GptPrio;
import dev.keel.partition.OsDisk;
import dev.keel.partition.Partition;
import dev.keel.partition.PartitionSet;
import dev.keel.partition.PartitionState;
import dev.keel.partition.SetSelect;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code signpost status} as text (the original's lines) and as JSON, from a {@link
 * PartitionState}.
 */
public final class StatusReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PartitionState state;

  public StatusReport(PartitionState state) {
    this.state = state;
  }

  /**
   * The original's format: {@code OS disk:}, one {@code Set X:} line per set (its own paths and
   * flags; the original printed the active set's paths on the A line), {@code Active:}, {@code
   * Next:}.
   */
  public String text() {
    Path disk = state.disk().path();
    StringBuilder sb = new StringBuilder("OS disk: " + disk + "\n");
    for (SetSelect s : SetSelect.values()) {
      Optional<PartitionSet> set = state.find(s);
      if (set.isPresent()) {
        PartitionSet p = set.get();
        sb.append(
            String.format(
                "Set %s:   boot=%s root=%s hash=%s %s%n",
                s,
                OsDisk.partitionName(disk, p.boot().number()),
                OsDisk.partitionName(disk, p.root().number()),
                OsDisk.partitionName(disk, p.hash().number()),
                p.prio().describe()));
      }
    }
    sb.append("Active:  Set ").append(state.active()).append('\n');
    sb.append("Next:    ").append(state.next().map(n -> "Set " + n).orElse("None")).append('\n');
    return sb.toString();
  }

  /** One line of flags: what a changing command prints. */
  public String flags() {
    StringBuilder sb = new StringBuilder();
    for (SetSelect s : SetSelect.values()) {
      state
          .find(s)
          .ifPresent(
              p ->
                  sb.append("Set ")
                      .append(s)
                      .append(": ")
                      .append(p.prio().describe())
                      .append("; "));
    }
    return sb.append("Next: ").append(state.next().map(n -> "Set " + n).orElse("None")).toString();
  }

  public ObjectNode json() {
    ObjectNode root = JSON.createObjectNode();
    Path disk = state.disk().path();
    root.put("disk", disk.toString());
    root.put("sector_size", state.table().sectorSize());
    root.put("layout", state.layout().dual() ? "dual" : "single");
    root.put("active", state.active().name());
    Optional<SetSelect> next = state.next();
    if (next.isPresent()) {
      root.put("next", next.get().name());
    } else {
      root.putNull("next");
    }
    root.put("boot_has_ever_succeeded", state.bootHasEverSucceeded());
    ObjectNode sets = root.putObject("sets");
    for (SetSelect s : SetSelect.values()) {
      state
          .find(s)
          .ifPresent(
              p -> {
                ObjectNode o = sets.putObject(s.name());
                partition(o.putObject("boot"), disk, p.boot());
                partition(o.putObject("root"), disk, p.root());
                partition(o.putObject("hash"), disk, p.hash());
                GptPrio prio = p.prio();
                o.put("priority", prio.priority());
                o.put("tries_left", prio.triesLeft());
                o.put("successful", prio.successful());
                o.put("will_boot", prio.willBoot());
              });
    }
    partition(root.putObject("private"), disk, state.layout().privatePartition());
    state.table().damage().forEach(root.putArray("gpt_damage")::add);
    return root;
  }

  private static void partition(ObjectNode o, Path disk, Partition p) {
    o.put("number", p.number());
    o.put("device", OsDisk.partitionName(disk, p.number()));
    o.put("partuuid", p.uniqueGuid().toString());
    o.put("name", p.name());
    o.put("attributes", String.format("0x%016x", p.attributes()));
  }

  /** Pretty JSON with a final newline. */
  public static String render(ObjectNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
