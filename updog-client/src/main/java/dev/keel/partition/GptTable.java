package dev.keel.partition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A GUID partition table: the header fields and the partition-entry array, immutable. Read from a
 * disk with {@link #read}, changed with {@link #withPartition} / {@link #withPrio} (new tables),
 * written with {@link #write}.
 *
 * <p>Reading checks both copies (UEFI 2.10 §5.3.2): signature, header size, header CRC32, that the
 * header is where it says it is ("my LBA"), sane usable range and entry array, and the entry
 * array's CRC32. The primary wins when both are valid; a backup that disagrees with it is stale. A
 * damaged or stale copy is listed in {@link #damage()} and rebuilt from the good one by the next
 * {@link #write}. With both copies bad, {@link #read} throws {@link NoValidGptException} and
 * nothing is written.
 *
 * <p>Writing rebuilds both headers from this table and writes the backup copy first, syncs, then
 * the primary, and syncs again: a crash at any point leaves at least one valid copy; the next read
 * lists the other in {@link #damage()} and the next write repairs it (what GRUB's gptprio patches
 * also do).
 */
public final class GptTable {
  private static final long SIGNATURE = 0x5452415020494645L; // "EFI PART"
  private static final int REVISION = 0x00010000;
  private static final int HEADER_SIZE = 92;
  private static final int ENTRY_SIZE = 128;
  private static final int MAX_ARRAY_BYTES = 1 << 20;

  private final int sectorSize;
  private final Guid diskGuid;
  private final long firstUsableLba;
  private final long lastUsableLba;
  private final long primaryEntriesLba;
  private final long backupHeaderLba;
  private final int entryCount;
  private final int entrySize;
  private final byte[] entries;
  private final boolean protectiveMbr;
  private final List<String> damage;

  private GptTable(
      int sectorSize,
      Guid diskGuid,
      long firstUsableLba,
      long lastUsableLba,
      long primaryEntriesLba,
      long backupHeaderLba,
      int entryCount,
      int entrySize,
      byte[] entries,
      boolean protectiveMbr,
      List<String> damage) {
    this.sectorSize = sectorSize;
    this.diskGuid = diskGuid;
    this.firstUsableLba = firstUsableLba;
    this.lastUsableLba = lastUsableLba;
    this.primaryEntriesLba = primaryEntriesLba;
    this.backupHeaderLba = backupHeaderLba;
    this.entryCount = entryCount;
    this.entrySize = entrySize;
    this.entries = entries;
    this.protectiveMbr = protectiveMbr;
    this.damage = List.copyOf(damage);
  }

  /**
   * An empty table for a disk of {@code diskBytes} bytes: 128 entries of 128 bytes, the primary
   * array at LBA 2, the backup header in the last sector, as {@code sgdisk --clear} makes.
   */
  public static GptTable create(long diskBytes, int sectorSize, Guid diskGuid) {
    long sectors = diskBytes / sectorSize;
    int arraySectors = sectorsFor(128 * ENTRY_SIZE, sectorSize);
    long first = 2 + arraySectors;
    long last = sectors - 2 - arraySectors;
    if (last < first) {
      throw new IllegalArgumentException(
          "a disk of " + diskBytes + " bytes is too small for a GPT");
    }
    return new GptTable(
        sectorSize,
        diskGuid,
        first,
        last,
        2,
        sectors - 1,
        128,
        ENTRY_SIZE,
        new byte[128 * ENTRY_SIZE],
        false,
        List.of());
  }

  /**
   * Reads and checks both copies of the table on {@code disk}.
   *
   * @throws NoValidGptException if neither copy is valid
   * @throws DiskIoException if the disk cannot be read
   */
  public static GptTable read(BlockDevice disk) throws PartitionException {
    try {
      return readChecked(disk);
    } catch (IOException e) {
      throw new DiskIoException(disk.path(), "reading the GPT", e);
    }
  }

  private static GptTable readChecked(BlockDevice disk) throws IOException, NoValidGptException {
    int ss = disk.sectorSize();
    long sectors = disk.size() / ss;
    if (sectors < 4) {
      throw new NoValidGptException(disk.path(), "disk too small", "disk too small");
    }
    List<String> damage = new ArrayList<>();
    boolean mbr = hasProtectiveMbr(disk);
    if (!mbr) {
      damage.add("no protective MBR in LBA 0");
    }
    Copy primary = Copy.read(disk, 1, sectors);
    long backupAt = primary.ok() ? primary.header.alternateLba : sectors - 1;
    Copy backup = Copy.read(disk, backupAt, sectors);
    if (!primary.ok() && !backup.ok()) {
      throw new NoValidGptException(disk.path(), primary.problem, backup.problem);
    }
    Header good;
    long primaryEntries;
    long backupLba;
    if (primary.ok()) {
      good = primary.header;
      primaryEntries = good.entriesLba;
      backupLba = backupAt;
      if (!backup.ok()) {
        damage.add("backup GPT at LBA " + backupAt + ": " + backup.problem);
      } else if (!backup.header.sameTableAs(good) || backup.header.alternateLba != 1) {
        damage.add("backup GPT at LBA " + backupAt + " is stale: it does not match the primary");
      }
    } else {
      good = backup.header;
      backupLba = backupAt;
      primaryEntries = 2;
      damage.add("primary GPT at LBA 1: " + primary.problem);
      if (primaryEntries + sectorsFor(good.entryCount * good.entrySize, ss) > good.firstUsableLba) {
        throw new NoValidGptException(
            disk.path(),
            primary.problem,
            "valid, but its first usable LBA "
                + good.firstUsableLba
                + " leaves no room for the primary's entries");
      }
    }
    return new GptTable(
        ss,
        good.diskGuid,
        good.firstUsableLba,
        good.lastUsableLba,
        primaryEntries,
        backupLba,
        good.entryCount,
        good.entrySize,
        good.entries,
        mbr,
        damage);
  }

  /** The logical sector size this table is laid out in. */
  public int sectorSize() {
    return sectorSize;
  }

  public Guid diskGuid() {
    return diskGuid;
  }

  public long firstUsableLba() {
    return firstUsableLba;
  }

  public long lastUsableLba() {
    return lastUsableLba;
  }

  public long backupHeaderLba() {
    return backupHeaderLba;
  }

  public int entryCount() {
    return entryCount;
  }

  /**
   * What was wrong on disk when this table was read (a damaged or stale copy, a missing protective
   * MBR); empty for a healthy disk. The next {@link #write} fixes every item.
   */
  public List<String> damage() {
    return damage;
  }

  /** This table as it is on disk after {@link #write}: nothing damaged. */
  public GptTable repaired() {
    return new GptTable(
        sectorSize,
        diskGuid,
        firstUsableLba,
        lastUsableLba,
        primaryEntriesLba,
        backupHeaderLba,
        entryCount,
        entrySize,
        entries,
        true,
        List.of());
  }

  /** The used entries (non-zero type GUID), in table order. */
  public List<Partition> partitions() {
    List<Partition> out = new ArrayList<>();
    for (int i = 1; i <= entryCount; i++) {
      find(i).ifPresent(out::add);
    }
    return out;
  }

  /** The used entries of {@code type}, in table order. */
  public List<Partition> partitions(PartitionType type) {
    return partitions().stream().filter(p -> p.is(type)).toList();
  }

  /** Entry {@code number} (1-based), if it is used. */
  public Optional<Partition> find(int number) {
    if (number < 1 || number > entryCount) {
      return Optional.empty();
    }
    ByteBuffer e =
        ByteBuffer.wrap(entries, (number - 1) * entrySize, entrySize)
            .slice()
            .order(ByteOrder.LITTLE_ENDIAN);
    Guid type = Guid.fromDisk(e, 0);
    if (type.isZero()) {
      return Optional.empty();
    }
    char[] name = new char[36];
    int len = 0;
    while (len < 36 && e.getChar(56 + 2 * len) != 0) {
      name[len] = e.getChar(56 + 2 * len);
      len++;
    }
    return Optional.of(
        new Partition(
            number,
            type,
            Guid.fromDisk(e, 16),
            new String(name, 0, len),
            e.getLong(32),
            e.getLong(40),
            e.getLong(48)));
  }

  /** Entry {@code number}, which must be used. */
  public Partition get(int number) {
    return find(number)
        .orElseThrow(
            () -> new IllegalArgumentException("partition " + number + " is not in the table"));
  }

  /**
   * A table with {@code p} in entry {@code p.number()}, replacing what was there. Bytes of larger
   * entries beyond the standard 128 are kept.
   *
   * @throws IllegalArgumentException if {@code p} lies outside the usable sectors or overlaps
   *     another partition
   */
  public GptTable withPartition(Partition p) {
    if (p.number() > entryCount) {
      throw new IllegalArgumentException(
          "partition " + p.number() + " does not fit a table of " + entryCount + " entries");
    }
    if (p.firstLba() < firstUsableLba || p.lastLba() > lastUsableLba) {
      throw new IllegalArgumentException(
          "partition "
              + p.number()
              + " ("
              + p.firstLba()
              + ".."
              + p.lastLba()
              + ") is outside the usable sectors "
              + firstUsableLba
              + ".."
              + lastUsableLba);
    }
    for (Partition other : partitions()) {
      if (other.number() != p.number()
          && other.firstLba() <= p.lastLba()
          && p.firstLba() <= other.lastLba()) {
        throw new IllegalArgumentException(
            "partition " + p.number() + " overlaps partition " + other.number());
      }
    }
    return encode(p);
  }

  /** A table with {@code p} encoded into its entry, unchecked. */
  private GptTable encode(Partition p) {
    byte[] copy = entries.clone();
    ByteBuffer e =
        ByteBuffer.wrap(copy, (p.number() - 1) * entrySize, entrySize)
            .slice()
            .order(ByteOrder.LITTLE_ENDIAN);
    p.typeGuid().toDisk(e, 0);
    p.uniqueGuid().toDisk(e, 16);
    e.putLong(32, p.firstLba());
    e.putLong(40, p.lastLba());
    e.putLong(48, p.attributes());
    for (int i = 0; i < 36; i++) {
      e.putChar(56 + 2 * i, i < p.name().length() ? p.name().charAt(i) : 0);
    }
    return new GptTable(
        sectorSize,
        diskGuid,
        firstUsableLba,
        lastUsableLba,
        primaryEntriesLba,
        backupHeaderLba,
        entryCount,
        entrySize,
        copy,
        protectiveMbr,
        damage);
  }

  /**
   * A table where partition {@code number} has the attribute field {@code prio}.
   *
   * @throws IllegalArgumentException if that would change a bit outside 48–57 (the gptprio bits)
   */
  public GptTable withPrio(int number, GptPrio prio) {
    Partition p = get(number);
    long changed = p.attributes() ^ prio.bits();
    if ((changed & ~GptPrio.GPTPRIO_MASK) != 0) {
      throw new IllegalArgumentException(
          String.format(
              "partition %d: a gptprio change may only touch bits 48-57, not 0x%016x",
              number, changed & ~GptPrio.GPTPRIO_MASK));
    }
    return encode(p.withPrio(prio));
  }

  /**
   * Writes the whole table: the protective MBR if LBA 0 has none, then the backup copy (entries and
   * header in one write), sync, then the primary copy (one write where its entries start at LBA 2,
   * the usual layout), sync. A process killed inside a write can still tear the copy being written
   * (the kernel stops a write between pages for a fatal signal), never both.
   *
   * @throws DiskIoException if a write fails; the copy being written may then be torn, the other is
   *     intact
   */
  public void write(BlockDevice disk) throws DiskIoException {
    if (disk.sectorSize() != sectorSize) {
      throw new IllegalArgumentException(
          "a table of "
              + sectorSize
              + "-byte sectors cannot go on a disk of "
              + disk.sectorSize()
              + "-byte sectors");
    }
    int arrayBytes = entryCount * entrySize;
    int arraySectors = sectorsFor(arrayBytes, sectorSize);
    ByteBuffer array = ByteBuffer.allocate(arraySectors * sectorSize);
    array.put(entries, 0, arrayBytes).clear();
    int arrayCrc = crc(entries, 0, arrayBytes);
    long backupEntriesLba = backupHeaderLba - arraySectors;
    if (backupEntriesLba <= lastUsableLba || primaryEntriesLba + arraySectors > firstUsableLba) {
      throw new IllegalStateException(
          "the entry arrays would overlap the usable sectors "
              + firstUsableLba
              + ".."
              + lastUsableLba);
    }
    try {
      if (!protectiveMbr && !hasProtectiveMbr(disk)) {
        writeProtectiveMbr(disk, backupHeaderLba + 1);
      }
      // The backup's entries end where its header starts: one write.
      disk.write(
          backupEntriesLba * sectorSize,
          join(array, header(backupHeaderLba, 1, backupEntriesLba, arrayCrc)));
      disk.sync();
      ByteBuffer primary = header(1, backupHeaderLba, primaryEntriesLba, arrayCrc);
      if (primaryEntriesLba == 2) {
        disk.write(sectorSize, join(primary, array));
      } else {
        disk.write(primaryEntriesLba * sectorSize, array.duplicate());
        disk.write(sectorSize, primary);
      }
      disk.sync();
    } catch (IOException e) {
      throw new DiskIoException(disk.path(), "writing the GPT", e);
    }
  }

  private static ByteBuffer join(ByteBuffer first, ByteBuffer second) {
    return ByteBuffer.allocate(first.remaining() + second.remaining())
        .put(first.duplicate())
        .put(second.duplicate())
        .flip();
  }

  private ByteBuffer header(long myLba, long alternateLba, long entriesLba, int arrayCrc) {
    ByteBuffer h = ByteBuffer.allocate(sectorSize).order(ByteOrder.LITTLE_ENDIAN);
    h.putLong(0, SIGNATURE);
    h.putInt(8, REVISION);
    h.putInt(12, HEADER_SIZE);
    h.putLong(24, myLba);
    h.putLong(32, alternateLba);
    h.putLong(40, firstUsableLba);
    h.putLong(48, lastUsableLba);
    diskGuid.toDisk(h, 56);
    h.putLong(72, entriesLba);
    h.putInt(80, entryCount);
    h.putInt(84, entrySize);
    h.putInt(88, arrayCrc);
    h.putInt(16, crc(h.array(), 0, HEADER_SIZE));
    return h;
  }

  private static boolean hasProtectiveMbr(BlockDevice disk) throws IOException {
    ByteBuffer mbr = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    disk.read(0, mbr);
    if ((mbr.getShort(510) & 0xFFFF) != 0xAA55) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if ((mbr.get(446 + 16 * i + 4) & 0xFF) == 0xEE) {
        return true;
      }
    }
    return false;
  }

  /**
   * One 0xEE entry over the whole disk (or 2^32-1 sectors), keeping any boot code in bytes 0–445.
   */
  private static void writeProtectiveMbr(BlockDevice disk, long sectors) throws IOException {
    ByteBuffer mbr = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    disk.read(0, mbr);
    for (int i = 446; i < 510; i++) {
      mbr.put(i, (byte) 0);
    }
    int e = 446;
    mbr.put(e + 1, (byte) 0x00).put(e + 2, (byte) 0x02).put(e + 3, (byte) 0x00); // CHS of LBA 1
    mbr.put(e + 4, (byte) 0xEE);
    mbr.put(e + 5, (byte) 0xFF).put(e + 6, (byte) 0xFF).put(e + 7, (byte) 0xFF);
    mbr.putInt(e + 8, 1);
    mbr.putInt(e + 12, (int) Math.min(sectors - 1, 0xFFFFFFFFL));
    mbr.putShort(510, (short) 0xAA55);
    disk.write(0, mbr.clear());
  }

  private static int sectorsFor(long bytes, int sectorSize) {
    return (int) ((bytes + sectorSize - 1) / sectorSize);
  }

  private static int crc(byte[] b, int off, int len) {
    CRC32 c = new CRC32();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  /** A parsed, valid header with its entry array. */
  private static final class Header {
    long alternateLba;
    long firstUsableLba;
    long lastUsableLba;
    Guid diskGuid;
    long entriesLba;
    int entryCount;
    int entrySize;
    int entriesCrc;
    byte[] entries;

    boolean sameTableAs(Header o) {
      return diskGuid.equals(o.diskGuid)
          && firstUsableLba == o.firstUsableLba
          && lastUsableLba == o.lastUsableLba
          && entryCount == o.entryCount
          && entrySize == o.entrySize
          && entriesCrc == o.entriesCrc;
    }
  }

  /** One copy as read: a valid header or the reason it is not. */
  private static final class Copy {
    Header header;
    String problem;

    boolean ok() {
      return header != null;
    }

    static Copy bad(String problem) {
      Copy c = new Copy();
      c.problem = problem;
      return c;
    }

    static Copy read(BlockDevice disk, long lba, long sectors) throws IOException {
      int ss = disk.sectorSize();
      ByteBuffer h = ByteBuffer.allocate(ss).order(ByteOrder.LITTLE_ENDIAN);
      disk.read(lba * ss, h);
      if (h.getLong(0) != SIGNATURE) {
        return bad("no \"EFI PART\" signature");
      }
      int size = h.getInt(12);
      if (size < HEADER_SIZE || size > ss) {
        return bad(
            "header size " + Integer.toUnsignedString(size) + " is not between 92 and " + ss);
      }
      int stored = h.getInt(16);
      h.putInt(16, 0);
      if (crc(h.array(), 0, size) != stored) {
        return bad("header CRC32 mismatch");
      }
      long my = h.getLong(24);
      if (my != lba) {
        return bad("header at LBA " + lba + " says it is at LBA " + my);
      }
      Header r = new Header();
      r.alternateLba = h.getLong(32);
      r.firstUsableLba = h.getLong(40);
      r.lastUsableLba = h.getLong(48);
      r.diskGuid = Guid.fromDisk(h, 56);
      r.entriesLba = h.getLong(72);
      r.entryCount = h.getInt(80);
      r.entrySize = h.getInt(84);
      r.entriesCrc = h.getInt(88);
      if (r.firstUsableLba < 2
          || r.lastUsableLba >= sectors
          || r.firstUsableLba > r.lastUsableLba + 1) {
        return bad(
            "usable sectors "
                + r.firstUsableLba
                + ".."
                + r.lastUsableLba
                + " do not fit a disk of "
                + sectors
                + " sectors");
      }
      if (r.entrySize < ENTRY_SIZE
          || r.entrySize % 8 != 0
          || r.entryCount <= 0
          || (long) r.entryCount * r.entrySize > MAX_ARRAY_BYTES) {
        return bad(
            "bad entry array shape: "
                + Integer.toUnsignedString(r.entryCount)
                + " entries of "
                + Integer.toUnsignedString(r.entrySize)
                + " bytes");
      }
      int arrayBytes = r.entryCount * r.entrySize;
      long arrayEnd = r.entriesLba + sectorsFor(arrayBytes, ss) - 1;
      boolean inside = r.entriesLba >= 2 && arrayEnd < sectors && arrayEnd != lba;
      boolean clear = arrayEnd < r.firstUsableLba || r.entriesLba > r.lastUsableLba;
      if (!inside || !clear) {
        return bad(
            "entry array at LBA "
                + r.entriesLba
                + ".."
                + arrayEnd
                + " overlaps the disk's end, a header or the usable sectors");
      }
      if (lba == 1
          && (r.alternateLba >= sectors
              || r.alternateLba <= r.lastUsableLba + sectorsFor(arrayBytes, ss))) {
        return bad(
            "backup header LBA "
                + r.alternateLba
                + " leaves no room for the backup entries between the last usable LBA "
                + r.lastUsableLba
                + " and the disk's end");
      }
      ByteBuffer a = ByteBuffer.allocate(arrayBytes);
      disk.read(r.entriesLba * ss, a);
      r.entries = a.array();
      if (crc(r.entries, 0, arrayBytes) != r.entriesCrc) {
        return bad("entry array CRC32 mismatch");
      }
      Copy c = new Copy();
      c.header = r;
      return c;
    }
  }
}
