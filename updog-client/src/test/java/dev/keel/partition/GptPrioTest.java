package dev.keel.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Known answers for the attribute bits, as signpost's gptprio.rs tests them. */
class GptPrioTest {
  @Test
  void factoryBootAIsBits48And56() {
    GptPrio p = GptPrio.NONE.withPriority(1).withSuccessful(true);
    assertEquals(0x0101_0000_0000_0000L, p.bits());
    assertEquals(1, p.priority());
    assertEquals(0, p.triesLeft());
    assertTrue(p.successful());
    assertTrue(p.willBoot());
  }

  @Test
  void eachFieldHasItsBits() {
    assertEquals(0x000F_0000_0000_0000L, GptPrio.NONE.withPriority(15).bits());
    assertEquals(0x00F0_0000_0000_0000L, GptPrio.NONE.withTriesLeft(15).bits());
    assertEquals(0x0010_0000_0000_0000L, GptPrio.NONE.withTriesLeft(1).bits());
    assertEquals(0x0100_0000_0000_0000L, GptPrio.NONE.withSuccessful(true).bits());
    assertEquals(0x0200_0000_0000_0000L, GptPrio.NONE.withBootHasSucceeded(true).bits());
    assertEquals(0x03FF_0000_0000_0000L, GptPrio.GPTPRIO_MASK);
  }

  @Test
  void upgradedSetAfterOneTry() {
    // (2, 1, 0) -> GRUB decrements -> (2, 0, 0) -> mark-successful-boot -> (2, 0, 1)
    GptPrio p = new GptPrio(0x0012_0000_0000_0000L);
    assertEquals(2, p.priority());
    assertEquals(1, p.triesLeft());
    assertFalse(p.successful());
    assertTrue(p.willBoot());
    GptPrio tried = p.withTriesLeft(p.triesLeft() - 1);
    assertEquals(0x0002_0000_0000_0000L, tried.bits());
    assertFalse(tried.willBoot());
    assertEquals(0x0102_0000_0000_0000L, tried.withSuccessful(true).bits());
  }

  @Test
  void otherBitsSurviveEveryChange() {
    long uefi = 0x9000_0000_0000_0007L; // bits 0-2, 60, 63
    GptPrio p = new GptPrio(uefi | 0x0C00_0000_0000_0000L); // and 58, 59
    GptPrio changed =
        p.withPriority(7)
            .withTriesLeft(3)
            .withSuccessful(true)
            .withBootHasSucceeded(true)
            .withSuccessful(false)
            .withPriority(0)
            .withTriesLeft(0)
            .withBootHasSucceeded(false);
    assertEquals(p, changed);
    assertEquals(0x9C37_0000_0000_0007L, p.withPriority(7).withTriesLeft(3).bits());
  }

  @Test
  void willBoot() {
    assertFalse(GptPrio.NONE.willBoot());
    assertFalse(GptPrio.NONE.withPriority(3).willBoot(), "priority without tries");
    assertFalse(GptPrio.NONE.withTriesLeft(3).willBoot(), "tries without priority");
    assertTrue(
        GptPrio.NONE.withSuccessful(true).willBoot(),
        "signpost counts successful even at priority 0");
    assertTrue(GptPrio.NONE.withPriority(1).withTriesLeft(1).willBoot());
  }

  @Test
  void fieldsAreFourBits() {
    assertThrows(IllegalArgumentException.class, () -> GptPrio.NONE.withPriority(16));
    assertThrows(IllegalArgumentException.class, () -> GptPrio.NONE.withTriesLeft(-1));
  }

  @Test
  void describeAsStatusPrintsIt() {
    assertEquals(
        "priority=2 tries_left=1 successful=false", new GptPrio(0x0012_0000_0000_0000L).describe());
  }
}
