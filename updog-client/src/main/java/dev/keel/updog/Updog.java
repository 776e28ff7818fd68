package dev.keel.updog;

import dev.keel.cli.KeelVersion;
import dev.keel.cli.ToolRunner;
import dev.keel.cli.UsageException;
import dev.keel.manifest.SemVer;
import dev.keel.manifest.VersionFormatException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code updog}: the host updater (bottlerocket-update-system.md section 3.1, Part A 4). Parses the
 * command line into a {@link UpdogCommand} and runs it with {@link HostUpdate}.
 *
 * <p>Exit codes: 0 done; 1 failed (the message on stderr names what); 2 usage error; 3 nothing to
 * do ({@code check-update}, {@code update}, {@code update-image} with no update available).
 */
@Command(
    name = "updog",
    mixinStandardHelpOptions = true,
    versionProvider = KeelVersion.class,
    description = "Finds, writes and activates OS updates from a TUF repository.",
    subcommands = {
      Updog.CheckUpdate.class,
      Updog.UpdateCmd.class,
      Updog.UpdateImage.class,
      Updog.UpdateApply.class,
      Updog.UpdateRevert.class
    })
public final class Updog implements Callable<Integer> {
  private final UpdogEnvironment env;

  @Option(
      names = "--root",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Host paths (/etc/updog.toml, /usr/lib/os-release, /var/...) start here (default /).")
  Path root;

  @Option(
      names = "--disk",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "The OS disk (a block device or a disk image); default: the disk holding /.")
  Path disk;

  @Option(
      names = {"-j", "--json"},
      scope = ScopeType.INHERIT,
      description = "Print results as JSON.")
  boolean json;

  @Option(
      names = "--log-level",
      scope = ScopeType.INHERIT,
      paramLabel = "LEVEL",
      defaultValue = "info",
      description = "trace, debug, info, warn or error (default info).")
  LogLevel logLevel;

  @Option(
      names = "--variant",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "Use this variant instead of os-release's VARIANT_ID.")
  String variant;

  @Option(
      names = "--wait",
      scope = ScopeType.INHERIT,
      description = "Wait for another running updog instead of failing at once.")
  boolean waitForLock;

  public Updog(UpdogEnvironment env) {
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(run(UpdogEnvironment.system(), List.of(args)));
  }

  /** Runs updog with {@code args}; returns the exit code. */
  public static int run(UpdogEnvironment env, List<String> args) {
    return new ToolRunner("updog", env.clock(), env.out(), env.err()).execute(new Updog(env), args);
  }

  @Override
  public Integer call() throws UsageException {
    throw new UsageException(
        "a subcommand is required: check-update, update, update-image, update-apply, update-revert");
  }

  UpdogCommand.Options options() {
    return new UpdogCommand.Options(
        new HostPaths(root == null ? env.defaultRoot() : root, Optional.ofNullable(disk)),
        json,
        logLevel,
        Optional.ofNullable(variant),
        waitForLock);
  }

  int execute(UpdogCommand command) throws Exception {
    return new HostUpdate(env).run(command);
  }

  /** {@code -i/--image} and {@code -n/--now/--ignore-waves}. */
  static final class SelectionOptions {
    @Option(
        names = {"-i", "--image"},
        paramLabel = "VERSION",
        description = "Pick exactly this version (also a downgrade or the running one).")
    String image;

    @Option(
        names = {"-n", "--now", "--ignore-waves"},
        description = "Ignore rollout waves.")
    boolean ignoreWaves;

    UpdogCommand.Selection selection() throws UsageException {
      if (image == null) {
        return new UpdogCommand.Selection(Optional.empty(), ignoreWaves);
      }
      try {
        return new UpdogCommand.Selection(
            Optional.of(SemVer.parse(image.startsWith("v") ? image.substring(1) : image)),
            ignoreWaves);
      } catch (VersionFormatException e) {
        throw new UsageException("--image: " + e.getMessage());
      }
    }
  }

  /** {@code -r/--reboot} and the command it runs. */
  static final class RebootOptions {
    @Option(
        names = {"-r", "--reboot"},
        description = "Reboot when done.")
    boolean reboot;

    @Option(
        names = "--reboot-command",
        paramLabel = "COMMAND",
        description = "What --reboot runs (default: shutdown -r now).")
    String command;

    Optional<List<String>> reboot() {
      if (!reboot) {
        return Optional.empty();
      }
      return Optional.of(
          command == null ? Reboot.DEFAULT : Arrays.asList(command.trim().split("\\s+")));
    }
  }

  @Command(
      name = "check-update",
      aliases = "whats",
      mixinStandardHelpOptions = true,
      versionProvider = KeelVersion.class,
      description =
          "Print the update this host would take (exit 3 if none), or with --all every applicable one.")
  static final class CheckUpdate implements Callable<Integer> {
    @ParentCommand Updog parent;
    @Mixin SelectionOptions selection;

    @Option(
        names = {"-a", "--all"},
        description = "List every applicable update, newest first.")
    boolean all;

    @Override
    public Integer call() throws Exception {
      return parent.execute(
          new UpdogCommand.CheckUpdate(parent.options(), selection.selection(), all));
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      versionProvider = KeelVersion.class,
      description =
          "Write the update into the inactive partition set and boot it next (exit 3 if none).")
  static final class UpdateCmd implements Callable<Integer> {
    @ParentCommand Updog parent;
    @Mixin SelectionOptions selection;
    @Mixin RebootOptions reboot;

    @Override
    public Integer call() throws Exception {
      return parent.execute(
          new UpdogCommand.Update(parent.options(), selection.selection(), true, reboot.reboot()));
    }
  }

  @Command(
      name = "update-image",
      mixinStandardHelpOptions = true,
      versionProvider = KeelVersion.class,
      description =
          "Write the update into the inactive partition set only (exit 3 if none); see update-apply.")
  static final class UpdateImage implements Callable<Integer> {
    @ParentCommand Updog parent;
    @Mixin SelectionOptions selection;

    @Override
    public Integer call() throws Exception {
      return parent.execute(
          new UpdogCommand.Update(
              parent.options(), selection.selection(), false, Optional.empty()));
    }
  }

  @Command(
      name = "update-apply",
      mixinStandardHelpOptions = true,
      versionProvider = KeelVersion.class,
      description = "Boot the inactive partition set next (after update-image). Needs no network.")
  static final class UpdateApply implements Callable<Integer> {
    @ParentCommand Updog parent;
    @Mixin RebootOptions reboot;

    @Override
    public Integer call() throws Exception {
      return parent.execute(new UpdogCommand.UpdateApply(parent.options(), reboot.reboot()));
    }
  }

  @Command(
      name = "update-revert",
      mixinStandardHelpOptions = true,
      versionProvider = KeelVersion.class,
      description = "Undo update-apply: boot the active set next again. Needs no network.")
  static final class UpdateRevert implements Callable<Integer> {
    @ParentCommand Updog parent;

    @Override
    public Integer call() throws Exception {
      return parent.execute(new UpdogCommand.UpdateRevert(parent.options()));
    }
  }
}
