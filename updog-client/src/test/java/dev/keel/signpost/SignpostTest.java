package dev.keel.signpost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.partition.FileBlockDevice;
import dev.keel.partition.GptTable;
import dev.keel.partition.PartitionException;
import dev.keel.partition.SparseDisk;
import dev.keel.partition.Tool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signpost command line on a host directory: a sparse disk image and {@code proc/cmdline}, no
 * network, no updog.toml.
 */
class SignpostTest {
  @TempDir Path root;
  private Path disk;
  private String out;
  private String err;

  @BeforeEach
  void host() throws Exception {
    disk = SparseDisk.create(root.resolve("disk.img"), 512, 21);
    boot("A");
  }

  /** Writes the kernel command line GRUB would pass after booting set {@code set}. */
  private void boot(String set) throws Exception {
    String uuid = partuuid(set.equals("A") ? 3 : 8);
    Files.createDirectories(root.resolve("proc"));
    Files.writeString(
        root.resolve("proc/cmdline"),
        "BOOT_IMAGE=(hd0,gpt3)/vmlinuz root=/dev/dm-0 dm-mod.create=\"root,,,ro,0 1 verity 1 "
            + "PARTUUID="
            + uuid
            + "/PARTNROFF=1 PARTUUID="
            + uuid
            + "/PARTNROFF=2 4096 4096 1 1 sha256 00 00\"\n");
  }

  private String partuuid(int number) throws Exception {
    try (FileBlockDevice d = FileBlockDevice.open(disk, OptionalInt.empty())) {
      return GptTable.read(d).get(number).uniqueGuid().toString();
    }
  }

  private int signpost(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--root", root.toString(), "--disk", disk.toString()));
    return raw(all);
  }

  private int raw(List<String> args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        Signpost.run(
            args,
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8));
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  @Test
  void statusPrintsTheOriginalsLines() {
    assertEquals(0, signpost("status"), err);
    assertEquals(
        "OS disk: "
            + disk
            + "\n"
            + "Set A:   boot="
            + disk
            + "#3 root="
            + disk
            + "#4 hash="
            + disk
            + "#5 priority=1 tries_left=0 successful=true\n"
            + "Set B:   boot="
            + disk
            + "#8 root="
            + disk
            + "#9 hash="
            + disk
            + "#10 priority=0 tries_left=0 successful=false\n"
            + "Active:  Set A\n"
            + "Next:    Set A\n",
        out);
    assertEquals("", err);
  }

  @Test
  void statusAsJson() throws Exception {
    assertEquals(0, signpost("status", "--json"), err);
    JsonNode j = new ObjectMapper().readTree(out);
    assertEquals("A", j.get("active").asText());
    assertEquals("A", j.get("next").asText());
    assertEquals("dual", j.get("layout").asText());
    assertEquals(512, j.get("sector_size").asInt());
    assertEquals(1, j.at("/sets/A/priority").asInt());
    assertEquals(true, j.at("/sets/A/successful").asBoolean());
    assertEquals(partuuid(8), j.at("/sets/B/boot/partuuid").asText());
    assertEquals("BOTTLEROCKET-ROOT-B", j.at("/sets/B/root/name").asText());
    assertEquals(12, j.at("/private/number").asInt());
    assertEquals(0, j.get("gpt_damage").size());
  }

  @Test
  void optionsMayComeBeforeTheSubcommand() {
    assertEquals(
        0,
        raw(List.of("--root", root.toString(), "--disk", disk.toString(), "--json", "status")),
        err);
    assertTrue(out.startsWith("{"), out);
  }

  @Test
  void aFullCycleWithTheBitsSgdiskShows() throws Exception {
    assertEquals(0, signpost("mark-successful-boot"), err);
    assertEquals(0, signpost("clear-inactive"), err);
    assertEquals(0, signpost("mark-inactive-valid"), err);
    assertEquals(
        "Set A: priority=1 tries_left=0 successful=true; Set B: priority=0 tries_left=1 successful=false; Next: Set A\n",
        out);
    assertEquals(0, signpost("upgrade-to-inactive"), err);
    assertEquals(
        "Set A: priority=1 tries_left=0 successful=true; Set B: priority=2 tries_left=1 successful=false; Next: Set B\n",
        out);
    Tool.verified(disk.toString());
    assertEquals(List.of(49, 52), Tool.bitsShown(disk.toString(), 8));
    assertEquals(List.of(57), Tool.bitsShown(disk.toString(), 12));

    assertEquals(0, signpost("cancel-upgrade"), err);
    assertEquals(List.of(49, 56), Tool.bitsShown(disk.toString(), 3), "A = (2, 0, 1)");
    assertEquals(List.of(52), Tool.bitsShown(disk.toString(), 8), "B = (0, 1, 0)");

    // Booted into B, which was marked successful; then roll back to A.
    assertEquals(0, signpost("upgrade-to-inactive"), err);
    boot("B");
    assertEquals(0, signpost("mark-successful-boot"), err);
    assertEquals(0, signpost("status"), err);
    assertTrue(out.contains("Active:  Set B\n"), out);
    assertEquals(0, signpost("rollback-to-inactive", "--json"), err);
    JsonNode j = new ObjectMapper().readTree(out);
    assertEquals("A", j.get("next").asText());
    assertEquals(2, j.at("/sets/A/priority").asInt());
    assertEquals(1, j.at("/sets/B/priority").asInt());
    assertEquals(true, j.at("/sets/B/successful").asBoolean());
    Tool.verified(disk.toString());
  }

  @Test
  void aFailedPreconditionExitsOneAndWritesNothing() throws Exception {
    byte[] before = Files.readAllBytes(disk);
    assertEquals(1, signpost("upgrade-to-inactive"));
    assertEquals(
        "signpost: inactive set B has not been marked valid (priority=0 tries_left=0 successful=false)\n",
        err);
    assertEquals(1, signpost("rollback-to-inactive"));
    assertEquals(
        "signpost: inactive set B is not valid to roll back to (priority=0 tries_left=0 successful=false)\n",
        err);
    assertArrayEquals(before, Files.readAllBytes(disk));
    assertEquals(0, signpost("mark-inactive-valid"));
    assertEquals(0, signpost("upgrade-to-inactive"));
    assertEquals(1, signpost("upgrade-to-inactive"));
    assertEquals(
        "signpost: inactive set B is already marked for upgrade (priority=2 tries_left=1 successful=false)\n",
        err);
  }

  @Test
  void hasBootEverSucceeded() {
    assertEquals(0, signpost("has-boot-ever-succeeded"));
    assertEquals("", out);
    assertEquals(0, signpost("has-boot-ever-succeeded", "--json"));
    assertEquals("{\"has_boot_ever_succeeded\": false}\n", out);
    assertEquals(0, signpost("mark-successful-boot"));
    assertEquals(0, signpost("has-boot-ever-succeeded"));
    assertEquals("true\n", out);
  }

  @Test
  void theActiveSetComesFromTheKernelCommandLine() throws Exception {
    boot("B");
    assertEquals(0, signpost("status"), err);
    assertTrue(out.contains("Active:  Set B\n"), out);
    Files.writeString(
        root.resolve("proc/cmdline"),
        "root=/dev/sda1 PARTUUID=01234567-89ab-cdef-0123-456789abcdef\n");
    assertEquals(1, signpost("status"));
    assertTrue(
        err.startsWith(
            "signpost: cannot tell the active partition set: "
                + root.resolve("proc/cmdline")
                + ": PARTUUID [01234567-89ab-cdef-0123-456789abcdef] is not in either partition set; "),
        err);
    Files.delete(root.resolve("proc/cmdline"));
    assertEquals(1, signpost("status"));
    assertTrue(err.contains("proc/cmdline does not exist; "), err);
    assertTrue(err.contains("sys/dev/block/"), "then tries sysfs: " + err);
  }

  @Test
  void aDamagedCopyIsReportedAndRepairedByAnyWrite() throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.seek(512 + 16);
      f.write(0x13);
    }
    assertEquals(0, signpost("status"));
    assertEquals(
        "signpost: warning: primary GPT at LBA 1: header CRC32 mismatch (any write repairs it: signpost rewrite-table)\n",
        err);
    assertEquals(0, signpost("rewrite-table"));
    Tool.verified(disk.toString());
    assertEquals(0, signpost("status"));
    assertEquals("", err);
  }

  @Test
  void bothCopiesDamagedIsAnErrorAndNothingIsWritten() throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.seek(512 + 16);
      f.write(0x13);
      f.seek(f.length() - 512 + 16);
      f.write(0x13);
    }
    byte[] before = Files.readAllBytes(disk);
    assertEquals(1, signpost("rewrite-table"));
    assertEquals(
        "signpost: "
            + disk
            + ": no valid GPT (primary: header CRC32 mismatch; backup: header CRC32 mismatch); "
            + "nothing was written\n",
        err);
    assertArrayEquals(before, Files.readAllBytes(disk));
  }

  @Test
  void usageErrors() throws PartitionException {
    assertEquals(2, signpost("stauts"));
    assertTrue(err.contains("status"), "suggests: " + err);
    assertEquals(2, signpost());
    assertTrue(err.contains("missing subcommand"), err);
    assertEquals(2, signpost("status", "--sector-size", "1024"));
    assertEquals(
        1,
        raw(
            List.of(
                "status",
                "--root",
                root.toString(),
                "--disk",
                root.resolve("nope.img").toString())));
    assertEquals(
        "signpost: " + root.resolve("nope.img") + ": opening the disk: no such file or device\n",
        err);
  }

  @Test
  void helpListsEveryCommand() {
    assertEquals(0, raw(List.of("--help")));
    for (String c :
        List.of(
            "status",
            "mark-successful-boot",
            "clear-inactive",
            "mark-inactive-valid",
            "upgrade-to-inactive",
            "cancel-upgrade",
            "rollback-to-inactive",
            "has-boot-ever-succeeded",
            "rewrite-table")) {
      assertTrue(out.contains(c), c + " in " + out);
    }
    assertEquals(0, raw(List.of("upgrade-to-inactive", "--help")));
    assertTrue(out.contains("--disk=FILE") && out.contains("inactive priority 2"), out);
  }
}
