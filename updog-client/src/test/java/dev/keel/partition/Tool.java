package dev.keel.partition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a system tool (sgdisk, losetup) in a test and returns its output; a failure names the
 * command.
 */
public final class Tool {
  private Tool() {}

  public record Result(int exit, String output) {}

  public static Result run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command + " did not finish");
    }
    return new Result(p.exitValue(), out);
  }

  /** Runs {@code command}, which must exit 0. */
  public static String ok(String... command) throws IOException, InterruptedException {
    Result r = run(List.of(command));
    if (r.exit() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + r.exit() + ":\n" + r.output());
    }
    return r.output();
  }

  /**
   * {@code sgdisk -v}, which must report no problems, and no caution or warning either (sgdisk says
   * "No problems found" about the copy it loaded even when it had to fall back to the backup).
   */
  public static void verified(String disk) throws IOException, InterruptedException {
    String out = sgdiskVerify(disk);
    if (!out.contains("No problems found")
        || out.contains("Caution")
        || out.contains("Warning")
        || out.contains("ERROR")) {
      throw new AssertionError("sgdisk -v " + disk + ":\n" + out);
    }
  }

  /** What {@code sgdisk -v} found on a disk that may have been killed in a GPT write. */
  public enum GptCheck {
    /** No problems, as {@link #verified} requires. */
    CLEAN,
    /** One copy (header or entry array) damaged, the other copy's header and entries intact. */
    ONE_COPY_DAMAGED
  }

  /**
   * {@code sgdisk -v} on a disk whose last GPT write may have been killed: either no problems, or
   * exactly one damaged copy with the other intact (all a write killed midway may leave; {@link
   * GptTable#write} repairs it). Anything else fails.
   */
  public static GptCheck verifiedOrOneCopyDamaged(String disk)
      throws IOException, InterruptedException {
    String out = sgdiskVerify(disk);
    if (out.contains("No problems found")
        && !out.contains("Caution")
        && !out.contains("Warning")
        && !out.contains("ERROR")) {
      return GptCheck.CLEAN;
    }
    boolean mainOk = out.contains("Main header: OK") && out.contains("Main partition table: OK");
    boolean backupOk =
        out.contains("Backup header: OK") && out.contains("Backup partition table: OK");
    if (mainOk == backupOk) {
      throw new AssertionError(
          "sgdisk -v " + disk + ": expected one intact and one damaged copy:\n" + out);
    }
    return GptCheck.ONE_COPY_DAMAGED;
  }

  /**
   * {@code sgdisk -v}'s report, failing if sgdisk found no GPT at all (it then checks an empty
   * table it made up, and finds no problems: what it does with a 4 KiB-sector image in a file).
   */
  private static String sgdiskVerify(String disk) throws IOException, InterruptedException {
    String out = ok("sgdisk", "-v", disk);
    if (out.contains("Creating new GPT entries")) {
      throw new AssertionError("sgdisk -v " + disk + " found no GPT:\n" + out);
    }
    return out;
  }

  /** The gptprio bits {@code sgdisk -A N:show} lists as set on partition {@code number}. */
  public static List<Integer> bitsShown(String disk, int number)
      throws IOException, InterruptedException {
    List<Integer> bits = new ArrayList<>();
    for (String line : ok("sgdisk", "-A", number + ":show", disk).split("\n")) {
      String[] f = line.trim().split("[: ]");
      if (f.length >= 3 && f[0].equals(String.valueOf(number)) && f[2].equals("1")) {
        bits.add(Integer.parseInt(f[1]));
      }
    }
    return bits;
  }
}
