package dev.keel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.keel.partition.GptPrio;
import dev.keel.partition.GptTable;
import dev.keel.partition.OsDiskLayout;
import dev.keel.partition.Partition;
import dev.keel.partition.PartitionType;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GRUB's choice, pure, over in-memory tables. Flags are (priority, tries, successful). */
class GptPrioNextTest {
  private final GptTable factory = OsDiskLayout.SMALL.table(512, new Random(1));

  private GptTable flags(int[] a, int[] b) {
    return factory.withPrio(3, prio(a)).withPrio(8, prio(b));
  }

  private static GptPrio prio(int[] f) {
    return GptPrio.NONE.withPriority(f[0]).withTriesLeft(f[1]).withSuccessful(f[2] == 1);
  }

  private static Optional<Integer> chosen(GptTable t) {
    return GptPrioNext.choose(t).map(Partition::number);
  }

  @Test
  void factoryBootsA() {
    assertEquals(Optional.of(3), chosen(factory));
  }

  @Test
  void higherPriorityWithATryWins() {
    assertEquals(Optional.of(8), chosen(flags(new int[] {1, 0, 1}, new int[] {2, 1, 0})));
  }

  @Test
  void tiesGoToTheEarlierEntry() {
    assertEquals(Optional.of(3), chosen(flags(new int[] {2, 1, 0}, new int[] {2, 1, 0})));
    assertEquals(Optional.of(3), chosen(flags(new int[] {1, 0, 1}, new int[] {1, 0, 1})));
  }

  @Test
  void priorityZeroNeverBootsEvenWhenSuccessful() {
    assertEquals(Optional.empty(), chosen(flags(new int[] {0, 0, 1}, new int[] {0, 3, 1})));
    assertEquals(Optional.of(8), chosen(flags(new int[] {0, 0, 1}, new int[] {1, 0, 1})));
  }

  @Test
  void aTriedUnsuccessfulSetIsSkipped() {
    // An upgrade that never marked success: B = (2, 0, 0) falls back to A = (1, 0, 1).
    assertEquals(Optional.of(3), chosen(flags(new int[] {1, 0, 1}, new int[] {2, 0, 0})));
    assertEquals(Optional.empty(), chosen(flags(new int[] {1, 0, 0}, new int[] {2, 0, 0})));
  }

  @Test
  void onlyBootTypedEntriesCount() {
    Partition reserved = factory.get(6);
    GptTable t =
        flags(new int[] {1, 0, 0}, new int[] {0, 0, 0})
            .withPrio(6, GptPrio.NONE.withPriority(9).withTriesLeft(1));
    assertEquals(PartitionType.RESERVED.guid(), reserved.typeGuid());
    assertEquals(Optional.empty(), chosen(t));
  }

  @Test
  void bootingDecrementsTriesAndLeavesSuccessfulAlone() {
    GptTable t = flags(new int[] {1, 0, 1}, new int[] {2, 1, 0});
    GptTable after = GptPrioNext.afterBooting(t, t.get(8));
    assertEquals(prio(new int[] {2, 0, 0}), after.get(8).prio());
    assertEquals(t.get(3), after.get(3));
    GptTable tries3 = flags(new int[] {1, 0, 1}, new int[] {3, 3, 0});
    assertEquals(2, GptPrioNext.afterBooting(tries3, tries3.get(8)).get(8).prio().triesLeft());
    assertSame(t, GptPrioNext.afterBooting(t, t.get(3)), "no tries to decrement: no write");
  }
}
