package dev.keel.partition;

/**
 * The gptprio view of a GPT partition entry's 64-bit attribute field (spec §4.2): priority in bits
 * 48–51, tries left in 52–55, successful in 56, and Bottlerocket's "boot has ever succeeded" marker
 * in bit 57 (meaningful on the PRIVATE partition only). Every {@code with*} method changes only its
 * own bits, so the standard UEFI bits (0–2, 60, 63) and anything else a firmware put there survive.
 *
 * @param bits the whole attribute field, as stored (little-endian) at offset 48 of the entry
 */
public record GptPrio(long bits) {
  static final int PRIORITY_SHIFT = 48;
  static final int TRIES_SHIFT = 52;
  static final int SUCCESSFUL_BIT = 56;
  static final int BOOT_HAS_SUCCEEDED_BIT = 57;

  /** Every bit a gptprio change may touch: 48 to 57. */
  public static final long GPTPRIO_MASK = 0x3FFL << PRIORITY_SHIFT;

  /** The attribute field of a partition with none of the gptprio bits set. */
  public static final GptPrio NONE = new GptPrio(0);

  public int priority() {
    return (int) ((bits >>> PRIORITY_SHIFT) & 0xF);
  }

  public int triesLeft() {
    return (int) ((bits >>> TRIES_SHIFT) & 0xF);
  }

  public boolean successful() {
    return (bits & (1L << SUCCESSFUL_BIT)) != 0;
  }

  /** Bit 57, set on the PRIVATE partition once any boot has succeeded. */
  public boolean bootHasSucceeded() {
    return (bits & (1L << BOOT_HAS_SUCCEEDED_BIT)) != 0;
  }

  /**
   * signpost's prediction: {@code (priority > 0 && tries_left > 0) || successful}. GRUB differs: it
   * never picks priority 0, even when successful (see {@code host}'s boot model).
   */
  public boolean willBoot() {
    return (priority() > 0 && triesLeft() > 0) || successful();
  }

  /**
   * @throws IllegalArgumentException unless {@code 0 <= priority <= 15}
   */
  public GptPrio withPriority(int priority) {
    return new GptPrio(field(PRIORITY_SHIFT, priority, "priority"));
  }

  /**
   * @throws IllegalArgumentException unless {@code 0 <= tries <= 15}
   */
  public GptPrio withTriesLeft(int tries) {
    return new GptPrio(field(TRIES_SHIFT, tries, "tries_left"));
  }

  public GptPrio withSuccessful(boolean successful) {
    return new GptPrio(bit(SUCCESSFUL_BIT, successful));
  }

  public GptPrio withBootHasSucceeded(boolean succeeded) {
    return new GptPrio(bit(BOOT_HAS_SUCCEEDED_BIT, succeeded));
  }

  private long field(int shift, int value, String name) {
    if (value < 0 || value > 15) {
      throw new IllegalArgumentException(name + " must be 0 to 15, got " + value);
    }
    return (bits & ~(0xFL << shift)) | ((long) value << shift);
  }

  private long bit(int bit, boolean on) {
    return on ? bits | (1L << bit) : bits & ~(1L << bit);
  }

  /** {@code priority=N tries_left=N successful=bool}, as signpost status prints it. */
  public String describe() {
    return "priority=" + priority() + " tries_left=" + triesLeft() + " successful=" + successful();
  }

  @Override
  public String toString() {
    return String.format("GptPrio[0x%016x %s]", bits, describe());
  }
}
