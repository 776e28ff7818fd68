package dev.keel.tuftool;

import dev.keel.cli.CommandLine;
import dev.keel.cli.UsageException;
import dev.keel.tuf.transport.DownloadIOException;
import dev.keel.tuf.transport.FetchResult;
import dev.keel.tuf.client.Limits;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.transport.Transport;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.error.MissingMetadataException;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.MetadataPaths;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.repo.ExistingRepository;
import dev.keel.tuf.storage.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code tuftool download} and {@code tuftool clone}: verified reads of a repository through the
 * TUF client. Trust is not kept between runs (metadata goes through a throwaway directory), as in
 * the original; {@code clone} writes a servable copy of the metadata and targets.
 */
final class DownloadCommand {
  static final Set<String> VALUE_OPTIONS = Set.of("-r/--root", "-m/--metadata-url", "-t/--targets-url",
      "-n/--target-name", "-v/--root-version", "--metadata-dir", "--targets-dir");
  static final Set<String> FLAGS = Set.of("--allow-expired-repo", "--allow-root-download", "--metadata-only");

  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  DownloadCommand(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  /** {@code download OUTDIR}: the named targets (all when none is named) into a new OUTDIR. */
  void download(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, VALUE_OPTIONS, FLAGS);
    cl.expectPositionals(1, 1, "tuftool download OUTDIR -r ROOT -m METADATA_URL -t TARGETS_URL [-n NAME...]");
    Path outdir = Path.of(cl.positional(0, "OUTDIR"));
    if (Files.exists(outdir)) {
      throw new UsageException("output directory " + outdir + " already exists");
    }
    withRepository(cl, (updater, repo) -> {
      URI targetsUrl = ExistingRepositories.url(cl.required("-t/--targets-url"));
      for (TargetInfo info : targets(cl, updater, repo)) {
        // The resolved name for the local file: foo/../bar/x lands in OUTDIR/bar/x, never outside.
        Path file = info.path().under(outdir);
        out.println("downloading " + info.path().raw());
        updater.downloadTarget(info, targetsUrl, file, new AtomicFiles());
      }
    });
  }

  /**
   * {@code clone}: the verified metadata with every root version seen, under the repository's own
   * file names, and (unless {@code --metadata-only}) all or the named targets under their
   * consistent-snapshot names.
   */
  void cloneRepository(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, VALUE_OPTIONS, FLAGS);
    cl.expectPositionals(0, 0, "tuftool clone --metadata-dir DIR --targets-dir DIR -r ROOT -m URL -t URL");
    Path metadataDir = Path.of(cl.required("--metadata-dir"));
    boolean metadataOnly = cl.flag("--metadata-only");
    Path targetsDir = metadataOnly ? null : Path.of(cl.required("--targets-dir"));
    withRepository(cl, (updater, repo) -> {
      AtomicFiles files = new AtomicFiles();
      boolean consistent = repo.root().signed().consistentSnapshot();
      for (Bytes rootFile : repo.rootFiles()) {
        Root root = MetadataCodec.root(rootFile.toByteArray(), "root.json").signed();
        files.write(metadataDir.resolve(MetadataPaths.root(root.version())), rootFile.toByteArray());
      }
      files.write(metadataDir.resolve(MetadataPaths.timestamp()), repo.timestampFile().toByteArray());
      files.write(metadataDir.resolve(MetadataPaths.role("snapshot", repo.snapshot().signed().version(), consistent)),
          repo.snapshotFile().toByteArray());
      for (Map.Entry<String, ExistingRepository.LoadedRole> role : repo.targetsRoles().entrySet()) {
        files.write(metadataDir.resolve(MetadataPaths.role(role.getKey(),
            role.getValue().envelope().signed().version(), consistent)), role.getValue().fileBytes().toByteArray());
      }
      if (targetsDir != null) {
        URI targetsUrl = ExistingRepositories.url(cl.required("-t/--targets-url"));
        for (TargetInfo info : targets(cl, updater, repo)) {
          String sha = info.file().hashes().getOrDefault("sha256", "");
          Path file = targetsDir.resolve(MetadataPaths.target(info.path().resolved(), sha, consistent));
          updater.downloadTarget(info, targetsUrl, file, files);
        }
      }
      out.println("cloned metadata into " + metadataDir + (targetsDir == null ? "" : " and targets into " + targetsDir));
    });
  }

  @FunctionalInterface
  private interface RepositoryWork {
    void run(Updater updater, ExistingRepository repo) throws UsageException, TufException;
  }

  private void withRepository(CommandLine cl, RepositoryWork work) throws UsageException, TufException {
    URI metadataUrl = ExistingRepositories.url(cl.required("-m/--metadata-url"));
    Transport transport = ExistingRepositories.transportFor(metadataUrl);
    ExistingRepositories.withVerified(metadataUrl, transport, trustedRoot(cl, metadataUrl, transport),
        ExistingRepositories.expiration(cl), clock, (updater, repo) -> {
          work.run(updater, repo);
          return null;
        });
  }

  /** {@code -r ROOT}, or with {@code --allow-root-download} the unverified {@code N.root.json} (N from -v, default 1). */
  private byte[] trustedRoot(CommandLine cl, URI metadataUrl, Transport transport) throws UsageException, TufException {
    if (cl.value("-r/--root").isPresent()) {
      Path rootFile = Path.of(cl.required("-r/--root"));
      try {
        return Files.readAllBytes(rootFile);
      } catch (IOException e) {
        throw new StorageException(rootFile, "could not read the root", e);
      }
    }
    if (!cl.flag("--allow-root-download")) {
      throw new UsageException("give the trusted root with -r ROOT (or, unsafely, --allow-root-download)");
    }
    long version = CommandLine.parseLong(cl.value("-v/--root-version").orElse("1"), "--root-version");
    URI url = UpdaterConfig.withSlash(metadataUrl).resolve(MetadataPaths.root(version));
    err.println("WARNING: trusting " + url + " without verification (--allow-root-download)");
    if (transport.fetch(url, Limits.defaults().maxRootBytes()) instanceof FetchResult.Found found) {
      try (InputStream in = found.body()) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw DownloadIOException.unwrap(e, url);
      }
    }
    throw new MissingMetadataException(MetadataPaths.root(version), url.toString());
  }

  /**
   * The named targets, or every target any loaded role lists; each resolved through the delegation
   * walk, so a role's listing outside its delegated paths is skipped (all) or refused (named).
   */
  private static List<TargetInfo> targets(CommandLine cl, Updater updater, ExistingRepository repo) throws TufException {
    Set<String> names = new TreeSet<>(cl.all("-n/--target-name"));
    boolean all = names.isEmpty();
    if (all) {
      repo.targetsRoles().values().forEach(r -> names.addAll(r.envelope().signed().targets().keySet()));
    }
    List<TargetInfo> found = new ArrayList<>();
    for (String name : names) {
      var info = updater.findTarget(TargetPath.of(name));
      if (info.isPresent()) {
        found.add(info.get());
      } else if (!all) {
        // A listed name the delegation walk does not reach (outside the role's paths) is skipped.
        throw new MissingMetadataException("target " + name, "any trusted targets role");
      }
    }
    return found;
  }


}
