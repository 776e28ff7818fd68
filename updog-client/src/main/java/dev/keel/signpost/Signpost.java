package dev.keel.signpost;

import dev.keel.cli.ExitCode;
import dev.keel.cli.KeelVersion;
import dev.keel.cli.ToolRunner;
import dev.keel.cli.UsageException;
import dev.keel.partition.ActiveSetSource;
import dev.keel.partition.FileBlockDevice;
import dev.keel.partition.OsDisk;
import dev.keel.partition.PartitionException;
import dev.keel.partition.PartitionState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code signpost}: reads and changes the gptprio bits of the OS disk (spec §4.4), with the
 * original's subcommands. Works without any network or updog configuration. Every changing command
 * changes the table in memory, then rewrites the whole GPT (backup copy first). Exit codes: 0
 * success, 1 error (a precondition failed, or the disk could not be read or written), 2 usage
 * error.
 */
@Command(
    name = "signpost",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = KeelVersion.class,
    description =
        "Shows and changes the A/B boot flags (GPT priority, tries, successful) of the OS disk.",
    footer = {"", "Exit codes: 0 success, 1 error, 2 usage error."})
public final class Signpost implements Callable<Integer> {
  @Option(
      names = "--root",
      defaultValue = "/",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Host paths start here: <DIR>/proc/cmdline, <DIR>/sys (default: ${DEFAULT-VALUE}).")
  Path root;

  @Option(
      names = "--disk",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "The OS disk: a block device or disk image (default: the disk under <root>/).")
  Path disk;

  @Option(
      names = "--sector-size",
      scope = ScopeType.INHERIT,
      paramLabel = "BYTES",
      description = "Logical sector size, 512 or 4096 (default: detected).")
  Integer sectorSize;

  @Option(
      names = {"-j", "--json"},
      scope = ScopeType.INHERIT,
      description = "Print results as JSON.")
  boolean json;

  private final PrintStream out;
  private final PrintStream err;

  Signpost(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return new ToolRunner("signpost", Clock.systemUTC(), out, err)
        .execute(new Signpost(out, err), args);
  }

  @Override
  public Integer call() throws UsageException {
    throw new UsageException(
        "missing subcommand (status, mark-successful-boot, clear-inactive, mark-inactive-valid, "
            + "upgrade-to-inactive, cancel-upgrade, rollback-to-inactive, has-boot-ever-succeeded, rewrite-table)");
  }

  @Command(
      name = "status",
      description = "Show both partition sets, the active one and the one that boots next.")
  int status() throws PartitionException, UsageException {
    return withState(
        s -> {
          StatusReport r = new StatusReport(s);
          out.print(json ? StatusReport.render(r.json()) : r.text());
        });
  }

  @Command(
      name = "mark-successful-boot",
      description = "Mark the active set successful, and PRIVATE's boot-has-succeeded bit 57.")
  int markSuccessfulBoot() throws PartitionException, UsageException {
    return change(PartitionState::markSuccessfulBoot);
  }

  @Command(
      name = "clear-inactive",
      description = "Inactive set: priority 0, tries 0, not successful (before writing images).")
  int clearInactive() throws PartitionException, UsageException {
    return change(PartitionState::clearInactive);
  }

  @Command(
      name = "mark-inactive-valid",
      description = "Inactive set: one try left (after its images were written and verified).")
  int markInactiveValid() throws PartitionException, UsageException {
    return change(PartitionState::markInactiveValid);
  }

  @Command(
      name = "upgrade-to-inactive",
      description = "Boot the inactive set next, once: inactive priority 2, active priority 1.")
  int upgradeToInactive() throws PartitionException, UsageException {
    return change(PartitionState::upgradeToInactive);
  }

  @Command(
      name = "cancel-upgrade",
      description = "Undo upgrade-to-inactive: inactive priority 0, active priority 2.")
  int cancelUpgrade() throws PartitionException, UsageException {
    return change(PartitionState::cancelUpgrade);
  }

  @Command(
      name = "rollback-to-inactive",
      description =
          "Boot the inactive (previous) set next: inactive priority 2, active priority 1.")
  int rollbackToInactive() throws PartitionException, UsageException {
    return change(PartitionState::rollbackToInactive);
  }

  @Command(
      name = "rewrite-table",
      description = "Rewrite the GPT unchanged (repairs a damaged copy).")
  int rewriteTable() throws PartitionException, UsageException {
    return change(s -> {});
  }

  @Command(
      name = "has-boot-ever-succeeded",
      description =
          "Print 'true' if a boot of this disk was ever marked successful (PRIVATE bit 57); nothing otherwise.")
  int hasBootEverSucceeded() throws PartitionException, UsageException {
    return withState(
        s -> {
          if (json) {
            out.print("{\"has_boot_ever_succeeded\": " + s.bootHasEverSucceeded() + "}\n");
          } else if (s.bootHasEverSucceeded()) {
            out.println("true");
          }
        });
  }

  /** Work on the loaded state of the OS disk. */
  private interface Work {
    void run(PartitionState s) throws PartitionException;
  }

  /** A §4.4 transition: applied in memory, then the whole GPT is written; prints the new flags. */
  private int change(Work transition) throws PartitionException, UsageException {
    return withState(
        s -> {
          transition.run(s);
          s.write();
          StatusReport r = new StatusReport(s);
          out.print(json ? StatusReport.render(r.json()) : r.flags() + "\n");
        });
  }

  private int withState(Work work) throws PartitionException, UsageException {
    if (sectorSize != null && sectorSize != 512 && sectorSize != 4096) {
      throw new UsageException("--sector-size must be 512 or 4096, got " + sectorSize);
    }
    FileBlockDevice d =
        OsDisk.open(
            root,
            Optional.ofNullable(disk),
            sectorSize == null ? OptionalInt.empty() : OptionalInt.of(sectorSize));
    try {
      PartitionState s = PartitionState.load(d, ActiveSetSource.host(root));
      for (String damage : s.table().damage()) {
        err.println(
            "signpost: warning: " + damage + " (any write repairs it: signpost rewrite-table)");
      }
      work.run(s);
      return ExitCode.OK;
    } finally {
      try {
        d.close();
      } catch (IOException e) {
        // Every write was synced before this point; a failing close loses nothing.
        err.println("signpost: warning: closing " + d.path() + ": " + e.getMessage());
      }
    }
  }
}
