package dev.keel.host;

import dev.keel.partition.GptPrio;
import dev.keel.partition.GptTable;
import dev.keel.partition.Partition;
import dev.keel.partition.PartitionType;
import java.util.Optional;

/**
 * GRUB's {@code gptprio.next} choice (spec §4.5 step 2–3), pure: scan the entries in table order,
 * only those of the Bottlerocket BOOT type; a candidate needs {@code tries_left > 0 || successful}
 * and a priority above the best so far, which starts at 0. So priority 0 never boots (even when
 * successful, unlike signpost's prediction) and ties keep the earlier entry.
 */
final class GptPrioNext {
  private GptPrioNext() {}

  static Optional<Partition> choose(GptTable table) {
    Partition best = null;
    int bestPriority = 0;
    for (Partition p : table.partitions(PartitionType.BOOT)) {
      GptPrio prio = p.prio();
      if ((prio.triesLeft() > 0 || prio.successful()) && prio.priority() > bestPriority) {
        best = p;
        bestPriority = prio.priority();
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Step 5: the table after booting {@code chosen}: one try fewer if it had any, else unchanged.
   */
  static GptTable afterBooting(GptTable table, Partition chosen) {
    GptPrio prio = chosen.prio();
    return prio.triesLeft() > 0
        ? table.withPrio(chosen.number(), prio.withTriesLeft(prio.triesLeft() - 1))
        : table;
  }
}
