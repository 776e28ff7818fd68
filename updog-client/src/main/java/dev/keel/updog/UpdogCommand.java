package dev.keel.updog;

import dev.keel.manifest.SemVer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An updog command line, parsed: what to do and with which options. */
public sealed interface UpdogCommand
    permits UpdogCommand.CheckUpdate,
        UpdogCommand.Update,
        UpdogCommand.UpdateApply,
        UpdogCommand.UpdateRevert {

  Options options();

  /** Options every subcommand takes. */
  record Options(
      HostPaths paths,
      boolean json,
      LogLevel logLevel,
      Optional<String> variant,
      boolean waitForLock) {
    public Options {
      Objects.requireNonNull(paths, "paths");
      Objects.requireNonNull(logLevel, "logLevel");
      Objects.requireNonNull(variant, "variant");
    }
  }

  /** Which update to pick: {@code --image} forces a version, {@code --now} ignores waves. */
  record Selection(Optional<SemVer> image, boolean ignoreWaves) {
    public Selection {
      Objects.requireNonNull(image, "image");
    }
  }

  /** {@code check-update} (alias {@code whats}); {@code --all} lists every applicable update. */
  record CheckUpdate(Options options, Selection selection, boolean all) implements UpdogCommand {}

  /**
   * {@code update} ({@code activate} true: also flip the boot flags, as {@code update-apply}) or
   * {@code update-image} ({@code activate} false: stop after writing the images).
   */
  record Update(
      Options options, Selection selection, boolean activate, Optional<List<String>> reboot)
      implements UpdogCommand {}

  /** {@code update-apply}: boot the inactive set next; no network. */
  record UpdateApply(Options options, Optional<List<String>> reboot) implements UpdogCommand {}

  /** {@code update-revert}: undo {@code update-apply}; no network. */
  record UpdateRevert(Options options) implements UpdogCommand {}
}
