package dev.keel.partition;

import java.util.Objects;
import java.util.Optional;

/**
 * signpost's state of an OS disk: the GPT read once, the partition sets, and which set is running.
 * Shaped like tuf-core's {@code TrustedMetadataSet}: every transition of spec §4.4 checks its
 * precondition and changes this object's in-memory table only; nothing reaches the disk until
 * {@link #write()}, which writes the whole table through the {@link BlockDevice} (backup copy
 * first, see {@link GptTable#write}).
 *
 * <p>Invariants: the active set never changes after {@link #load}; transitions touch only the
 * gptprio bits (48–56 of BOOT entries, 57 of PRIVATE), never any other bit or field. Flags below
 * are written (priority, tries_left, successful).
 */
public final class PartitionState {
  private final BlockDevice disk;
  private final SetSelect active;
  private GptTable table;
  private SetLayout layout;

  private PartitionState(BlockDevice disk, GptTable table, SetLayout layout, SetSelect active) {
    this.disk = disk;
    this.table = table;
    this.layout = layout;
    this.active = active;
  }

  /**
   * Reads the GPT on {@code disk} once and finds the sets and the active one.
   *
   * @throws NoValidGptException if neither GPT copy is valid
   * @throws MissingPartitionException if the Bottlerocket partitions are not there
   * @throws ActiveSetNotFoundException if {@code activeSet} cannot tell the running set
   * @throws DiskIoException if the disk cannot be read
   */
  public static PartitionState load(BlockDevice disk, ActiveSetSource activeSet)
      throws PartitionException {
    return of(disk, GptTable.read(disk), activeSet);
  }

  /**
   * The state of {@code table} (already read, or built in memory), to be written to {@code disk}.
   */
  public static PartitionState of(BlockDevice disk, GptTable table, ActiveSetSource activeSet)
      throws PartitionException {
    Objects.requireNonNull(disk);
    SetLayout layout = SetLayout.of(table);
    SetSelect active = activeSet.find(layout);
    if (layout.find(active).isEmpty()) {
      throw new ActiveSetNotFoundException(
          "the active set is " + active + ", but this disk has only set A");
    }
    return new PartitionState(disk, table, layout, active);
  }

  public BlockDevice disk() {
    return disk;
  }

  /** The table as it is in memory, with every change so far. */
  public GptTable table() {
    return table;
  }

  public SetLayout layout() {
    return layout;
  }

  /** The set the running OS booted from. */
  public SetSelect active() {
    return active;
  }

  /**
   * @throws SingleLayoutException if the disk has one set only
   */
  public SetSelect inactive() throws SingleLayoutException {
    requireDual("the inactive set");
    return active.other();
  }

  /** Set {@code which} as it is in memory; empty for B in a single layout. */
  public Optional<PartitionSet> find(SetSelect which) {
    return layout.find(which);
  }

  /**
   * @throws SingleLayoutException for B in a single layout
   */
  public PartitionSet set(SetSelect which) throws SingleLayoutException {
    return layout.find(which).orElseThrow(() -> new SingleLayoutException("set " + which));
  }

  /** Bit 57 of PRIVATE: some boot of this disk has been marked successful. */
  public boolean bootHasEverSucceeded() {
    return layout.privatePartition().prio().bootHasSucceeded();
  }

  /**
   * What signpost predicts boots next (§4.3): of the sets that {@link GptPrio#willBoot}, the higher
   * priority, ties to A; empty if none would boot.
   */
  public Optional<SetSelect> next() {
    boolean a = layout.a().prio().willBoot();
    boolean b = layout.b().map(s -> s.prio().willBoot()).orElse(false);
    if (a && b) {
      return Optional.of(
          layout.a().prio().priority() >= layout.b().get().prio().priority()
              ? SetSelect.A
              : SetSelect.B);
    }
    return a ? Optional.of(SetSelect.A) : b ? Optional.of(SetSelect.B) : Optional.empty();
  }

  /**
   * {@code mark-successful-boot}: active.successful = 1 and PRIVATE bit 57 = 1. Priority and tries
   * are untouched. No precondition. Memory only.
   */
  public void markSuccessfulBoot() {
    setPrio(active, prio(active).withSuccessful(true));
    Partition priv = layout.privatePartition();
    apply(table.withPrio(priv.number(), priv.prio().withBootHasSucceeded(true)));
  }

  /**
   * {@code clear-inactive}: inactive = (0, 0, 0), so it never boots while images are written into
   * it. Memory only: persist with {@link #write()} before the first byte of an image.
   *
   * @throws SingleLayoutException if there is no inactive set
   */
  public void clearInactive() throws SingleLayoutException {
    SetSelect inactive = requireDual("clear-inactive");
    setPrio(inactive, prio(inactive).withPriority(0).withTriesLeft(0).withSuccessful(false));
  }

  /**
   * {@code mark-inactive-valid}: inactive.tries_left = 1; priority unchanged. Call only after every
   * image of the set was written, synced and verified. Memory only.
   *
   * @throws SingleLayoutException if there is no inactive set
   */
  public void markInactiveValid() throws SingleLayoutException {
    SetSelect inactive = requireDual("mark-inactive-valid");
    setPrio(inactive, prio(inactive).withTriesLeft(1));
  }

  /**
   * {@code upgrade-to-inactive}: inactive.priority = 2 and successful = 0, active.priority = 1, so
   * the next boot tries the inactive set once. Memory only.
   *
   * @throws SingleLayoutException if there is no inactive set
   * @throws AlreadyMarkedForUpgradeException unless inactive.priority == 0 and !inactive.successful
   * @throws InactiveNotValidException unless inactive.tries_left > 0 (it was marked valid)
   */
  public void upgradeToInactive() throws PartitionException {
    SetSelect inactive = requireDual("upgrade-to-inactive");
    GptPrio p = prio(inactive);
    if (p.priority() != 0 || p.successful()) {
      throw new AlreadyMarkedForUpgradeException(inactive, p);
    }
    if (p.triesLeft() == 0) {
      throw new InactiveNotValidException(inactive, p);
    }
    setPrio(inactive, p.withPriority(2).withSuccessful(false));
    setPrio(active, prio(active).withPriority(1));
  }

  /**
   * {@code cancel-upgrade}: inactive.priority = 0 and active.priority = 2; tries left as they were.
   * Memory only.
   *
   * @throws SingleLayoutException if there is no inactive set
   */
  public void cancelUpgrade() throws SingleLayoutException {
    SetSelect inactive = requireDual("cancel-upgrade");
    setPrio(inactive, prio(inactive).withPriority(0));
    setPrio(active, prio(active).withPriority(2));
  }

  /**
   * {@code rollback-to-inactive}: inactive.priority = 2 and active.priority = 1; the active set's
   * successful bit is kept. Memory only.
   *
   * @throws SingleLayoutException if there is no inactive set
   * @throws RollbackNotPossibleException unless the inactive set {@link GptPrio#willBoot}
   */
  public void rollbackToInactive() throws PartitionException {
    SetSelect inactive = requireDual("rollback-to-inactive");
    GptPrio p = prio(inactive);
    if (!p.willBoot()) {
      throw new RollbackNotPossibleException(inactive, p);
    }
    setPrio(inactive, p.withPriority(2));
    setPrio(active, prio(active).withPriority(1));
  }

  /**
   * Persists the in-memory table: the whole GPT, backup copy first, each copy synced. Also repairs
   * a copy found damaged at {@link #load}.
   *
   * @throws DiskIoException if a write fails (the disk then holds the old or the new table in at
   *     least one valid copy)
   */
  public void write() throws DiskIoException {
    table.write(disk);
    table = table.repaired();
  }

  private GptPrio prio(SetSelect which) {
    return layout.find(which).orElseThrow().prio();
  }

  private void setPrio(SetSelect which, GptPrio prio) {
    apply(table.withPrio(layout.find(which).orElseThrow().boot().number(), prio));
  }

  private void apply(GptTable changed) {
    table = changed;
    layout = layout.in(changed);
  }

  private SetSelect requireDual(String what) throws SingleLayoutException {
    if (!layout.dual()) {
      throw new SingleLayoutException(what);
    }
    return active.other();
  }
}
