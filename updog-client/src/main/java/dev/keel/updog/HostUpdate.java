package dev.keel.updog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.cli.ExitCode;
import dev.keel.manifest.Host;
import dev.keel.manifest.Manifest;
import dev.keel.manifest.MigrationChainException;
import dev.keel.manifest.MigrationPlanner;
import dev.keel.manifest.OsRelease;
import dev.keel.manifest.SemVer;
import dev.keel.manifest.Update;
import dev.keel.manifest.UpdateSelector;
import dev.keel.manifest.WaveMode;
import dev.keel.partition.PartitionState;
import dev.keel.partition.SetSelect;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.storage.FileSink;
import dev.keel.tuf.transport.HttpTransport;
import dev.keel.updog.error.ManifestUnusableException;
import dev.keel.updog.error.OsReleaseException;
import dev.keel.updog.error.UnknownVariantException;
import dev.keel.updog.error.UpdogConfigException;
import dev.keel.updog.error.UpdogException;
import dev.keel.updog.install.ImageInstaller;
import dev.keel.updog.install.InstallPlan;
import dev.keel.updog.install.InstallProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Carries out one parsed {@link UpdogCommand} on a host. Results go to stdout (text, or JSON with
 * {@code --json}), diagnostics to stderr; returns the exit code (0, or 3 when there is nothing to
 * do) and throws {@link UpdogException} for every failure.
 */
final class HostUpdate {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UpdogEnvironment env;
  private final FileSink sink = new AtomicFiles();
  private HttpTransport http;

  HostUpdate(UpdogEnvironment env) {
    this.env = env;
  }

  int run(UpdogCommand command) throws UpdogException {
    try {
      return dispatch(command);
    } finally {
      if (http != null) {
        http.close();
      }
    }
  }

  private int dispatch(UpdogCommand command) throws UpdogException {
    Diagnostics log = new Diagnostics(env.err(), command.options().logLevel());
    if (command instanceof UpdogCommand.CheckUpdate check) {
      return checkUpdate(check, log);
    }
    try (UpdateLock lock =
        UpdateLock.acquire(
            command.options().paths().lockFile(), command.options().waitForLock(), log)) {
      if (command instanceof UpdogCommand.Update update) {
        return update(update, log);
      }
      if (command instanceof UpdogCommand.UpdateApply apply) {
        return flags(
            apply.options(),
            log,
            "Update applied",
            PartitionState::upgradeToInactive,
            apply.reboot());
      }
      UpdogCommand.UpdateRevert revert = (UpdogCommand.UpdateRevert) command;
      return flags(
          revert.options(),
          log,
          "Update reverted",
          PartitionState::cancelUpgrade,
          Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException("releasing the update lock", e);
    }
  }

  /** What the host runs and how it picks updates: updog.toml, os-release, the repository. */
  private record Context(
      Host host, UpdogConfig config, UpdateRepository repository, QueryTransport query) {
    Manifest manifest() {
      return repository.manifest();
    }
  }

  private Context context(UpdogCommand.Options options, Diagnostics log) throws UpdogException {
    HostPaths paths = options.paths();
    UpdogConfig config = UpdogConfig.load(paths.updogToml());
    OsRelease release;
    try {
      release = OsRelease.load(paths.osRelease());
    } catch (dev.keel.manifest.OsReleaseException e) {
      throw new OsReleaseException(e);
    }
    Host host =
        new Host(
            options.variant().orElse(release.variantId()),
            env.arch(),
            release.versionId(),
            config.seed());
    QueryTransport transport;
    try {
      http = new HttpTransport(env.http(), config.proxies(env.environment()));
      transport = new QueryTransport(http);
    } catch (IllegalArgumentException e) {
      throw new UpdogConfigException(
          paths.updogToml(), paths.updogToml() + ": key 'https_proxy': " + e.getMessage(), e);
    }
    transport.put("seed", String.valueOf(host.seed().value()));
    transport.put("version", host.version().toString());
    log.debug(
        "running "
            + host.variant()
            + " "
            + host.version()
            + " on "
            + host.arch()
            + ", seed "
            + host.seed().value());
    UpdateRepository repository =
        UpdateRepository.load(config, paths, transport, env.clock(), sink);
    Context context = new Context(host, config, repository, transport);
    requireKnownVariant(context);
    return context;
  }

  private static void requireKnownVariant(Context c) throws UnknownVariantException {
    boolean known =
        c.manifest().updates().stream()
            .anyMatch(
                u -> u.variant().equals(c.host().variant()) && u.arch().equals(c.host().arch()));
    if (!known) {
      TreeSet<String> others = new TreeSet<>();
      c.manifest().updates().forEach(u -> others.add(u.variant() + " (" + u.arch() + ")"));
      throw new UnknownVariantException(c.host().variant(), c.host().arch(), others);
    }
  }

  private WaveMode waves(UpdogCommand.Selection selection, UpdogConfig config) {
    return selection.ignoreWaves() || config.ignoreWaves()
        ? WaveMode.IGNORE_WAVES
        : WaveMode.RESPECT_WAVES;
  }

  private Optional<Update> select(Context c, UpdogCommand.Selection selection) {
    return UpdateSelector.select(
        c.manifest(),
        c.host(),
        c.config().versionLock(),
        selection.image(),
        waves(selection, c.config()),
        env.clock().instant());
  }

  private int checkUpdate(UpdogCommand.CheckUpdate check, Diagnostics log) throws UpdogException {
    Context c = context(check.options(), log);
    if (check.all()) {
      List<Update> all =
          UpdateSelector.applicableUpdates(
              c.manifest(), c.host(), waves(check.selection(), c.config()), env.clock().instant());
      if (check.options().json()) {
        ArrayNode array = JSON.createArrayNode();
        all.forEach(u -> array.add(u.toJsonNode()));
        printJson(array);
      } else {
        all.forEach(u -> env.out().println(u.variant() + " " + u.version()));
      }
      return ExitCode.OK;
    }
    Optional<Update> update = select(c, check.selection());
    if (update.isEmpty()) {
      log.info("No update available");
      return ExitCode.NOTHING_TO_DO;
    }
    printUpdate(update.get(), check.options(), "");
    return ExitCode.OK;
  }

  private int update(UpdogCommand.Update command, Diagnostics log) throws UpdogException {
    Context c = context(command.options(), log);
    Optional<Update> chosen = select(c, command.selection());
    if (chosen.isEmpty()) {
      log.info("No update required");
      return ExitCode.NOTHING_TO_DO;
    }
    Update update = chosen.get();
    log.info("Starting update to " + update.version());
    c.query().put("target", update.version().toString());
    try (HostDisk disk = HostDisk.open(command.options().paths())) {
      disk.inactive(); // a disk without a usable inactive set fails before anything is written
      cacheMigrations(c, update, command.options().paths(), log);
      // Resolve every image before the disk changes: a missing target leaves the flags alone.
      InstallPlan plan =
          InstallPlan.of(update.images(), c.repository()::findTarget, disk.inactiveRegions());
      SetSelect inactive = disk.inactive();
      // Section 3.5 step 2 and 3: never write into a set that could be chosen to boot.
      disk.change(PartitionState::clearInactive);
      log.debug(
          "cleared set "
              + inactive
              + " on "
              + disk.path()
              + "; writing "
              + plan.downloadBytes()
              + " bytes of images");
      InstallProgress progress =
          new LoggedProgress(
              log,
              env.terminal() ? new TerminalProgress(env.err(), env.clock()) : InstallProgress.NONE);
      new ImageInstaller(c.repository()::open, disk.channel(), progress).install(plan);
      // Step 6: every image is synced and matched its signed length and hash.
      disk.change(PartitionState::markInactiveValid);
      if (command.activate()) {
        disk.change(PartitionState::upgradeToInactive);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing the OS disk", e);
    }
    printUpdate(
        update,
        command.options(),
        command.activate() ? "Update applied: " : "Update image written: ");
    if (command.reboot().isPresent()) {
      Reboot.run(command.reboot().get(), log);
    }
    return ExitCode.OK;
  }

  /** Section 3.6: the forward chain between the two versions, so that a rollback finds it too. */
  private void cacheMigrations(Context c, Update update, HostPaths paths, Diagnostics log)
      throws UpdogException {
    SemVer current = c.host().version();
    SemVer lo = current.compareTo(update.version()) <= 0 ? current : update.version();
    SemVer hi = SemVer.max(current, update.version());
    List<String> names;
    try {
      names = new ArrayList<>(MigrationPlanner.findMigrations(lo, hi, c.manifest()).names());
    } catch (MigrationChainException e) {
      throw new ManifestUnusableException(UpdateRepository.MANIFEST + ": " + e.getMessage(), e);
    }
    names.add(UpdateRepository.MANIFEST);
    log.debug("caching for the migrator: " + names);
    c.repository().cacheForMigrator(names, paths.migrations(), paths.migratorMetadata(), sink);
    c.query().put("migrations", String.join(",", names));
  }

  private int flags(
      UpdogCommand.Options options,
      Diagnostics log,
      String done,
      HostDisk.Change change,
      Optional<List<String>> reboot)
      throws UpdogException {
    SetSelect next;
    try (HostDisk disk = HostDisk.open(options.paths())) {
      disk.inactive();
      disk.change(change);
      next = disk.state().next().orElse(null);
      if (options.json()) {
        ObjectNode result = JSON.createObjectNode();
        result.put("active", disk.state().active().name());
        result.put("next", next == null ? null : next.name());
        printJson(result);
      } else {
        env.out()
            .println(
                done
                    + ": next boot from "
                    + (next == null ? "no set (nothing is bootable)" : "set " + next));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing the OS disk", e);
    }
    if (reboot.isPresent()) {
      Reboot.run(reboot.get(), log);
    }
    return ExitCode.OK;
  }

  private void printUpdate(Update update, UpdogCommand.Options options, String prefix) {
    if (options.json()) {
      env.out().println(update.toJsonString());
    } else {
      env.out().println(prefix + update.variant() + " " + update.version());
    }
  }

  private void printJson(Object tree) {
    try {
      env.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
