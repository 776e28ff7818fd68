package dev.keel.tuftool;

import dev.keel.cli.UsageException;
import dev.keel.tuf.client.Limits;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.error.MissingMetadataException;
import dev.keel.tuf.error.MissingTargetException;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.MetadataPaths;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.repo.ExistingRepository;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.transport.DownloadIOException;
import dev.keel.tuf.transport.FetchResult;
import dev.keel.tuf.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuftool download} and {@code tuftool clone}: verified reads of a repository through the
 * TUF client. Trust is not kept between runs (metadata goes through a throwaway directory), as in
 * the original; {@code clone} writes a servable copy of the metadata and targets.
 */
final class DownloadCommand {
  private DownloadCommand() {}

  @Command(
      name = "download",
      description = {
        "Download targets, verified, into OUTDIR (as OUTDIR/<target name>): "
            + "the named ones, or without -n every target the top-level targets role lists, as the original does."
      })
  static final class Download implements Callable<Integer> {
    @ParentCommand Tuftool tuftool;
    @Mixin Source source;

    @Parameters(paramLabel = "OUTDIR", description = "the output directory; it must not exist yet")
    Path outdir;

    @Option(
        names = {"-t", "--targets-url"},
        required = true,
        paramLabel = "TARGETS_URL",
        converter = UrlArgument.class,
        description = "the repository's targets: a URL or a directory")
    URI targetsUrl;

    @Option(
        names = {"-n", "--target-name"},
        paramLabel = "NAME",
        description = "a target to download (repeatable)")
    List<String> names = List.of();

    @Override
    public Integer call() throws TufException, UsageException {
      if (Files.exists(outdir)) {
        throw new StorageException(
            outdir, "already exists: download writes into a new directory", null);
      }
      source.withRepository(
          tuftool,
          (updater, repo) -> {
            Collection<String> wanted =
                names.isEmpty()
                    ? repo.targetsRoles()
                        .get(RepositoryEditor.TOP_LEVEL_TARGETS)
                        .envelope()
                        .signed()
                        .targets()
                        .keySet()
                    : names;
            for (TargetInfo info : targets(updater, wanted, !names.isEmpty())) {
              // The resolved name for the local file: foo/../bar/x lands in OUTDIR/bar/x, never
              // outside.
              Path file = info.path().under(outdir);
              tuftool.out.println("downloading " + info.path().raw());
              updater.downloadTarget(info, targetsUrl, file, new AtomicFiles());
            }
          });
      return 0;
    }
  }

  @Command(
      name = "clone",
      description = {
        "Write a servable copy of a repository: every root version seen, "
            + "timestamp.json, N.snapshot.json and N.<role>.json (the exact bytes), and all or the named targets under "
            + "their consistent-snapshot names."
      })
  static final class Clone implements Callable<Integer> {
    @ParentCommand Tuftool tuftool;
    @Mixin Source source;

    @Option(
        names = "--metadata-dir",
        required = true,
        paramLabel = "DIR",
        description = "where the metadata goes")
    Path metadataDir;

    @Option(names = "--targets-dir", paramLabel = "DIR", description = "where the targets go")
    Path targetsDir;

    @Option(names = "--metadata-only", description = "copy the metadata only, no targets")
    boolean metadataOnly;

    @Option(
        names = {"-t", "--targets-url"},
        paramLabel = "TARGETS_URL",
        converter = UrlArgument.class,
        description = "the repository's targets: a URL or a directory")
    URI targetsUrl;

    @Option(
        names = {"-n", "--target-names"},
        paramLabel = "NAME",
        description = "copy only these targets (repeatable; default: all)")
    List<String> names = List.of();

    @Override
    public Integer call() throws TufException, UsageException {
      if (metadataOnly && (!names.isEmpty() || targetsDir != null || targetsUrl != null)) {
        throw new UsageException(
            "--metadata-only copies no targets: it does not go with -n/--target-names, "
                + "--targets-dir or -t/--targets-url");
      }
      if (!metadataOnly && (targetsDir == null || targetsUrl == null)) {
        throw new UsageException(
            "clone needs --targets-dir and -t/--targets-url (or --metadata-only)");
      }
      source.withRepository(
          tuftool,
          (updater, repo) -> {
            AtomicFiles files = new AtomicFiles();
            boolean consistent = repo.root().signed().consistentSnapshot();
            for (Bytes rootFile : repo.rootFiles()) {
              Root root = MetadataCodec.root(rootFile.toByteArray(), "root.json").signed();
              files.write(
                  metadataDir.resolve(MetadataPaths.root(root.version())), rootFile.toByteArray());
            }
            files.write(
                metadataDir.resolve(MetadataPaths.timestamp()), repo.timestampFile().toByteArray());
            files.write(
                metadataDir.resolve(
                    MetadataPaths.role("snapshot", repo.snapshot().signed().version(), consistent)),
                repo.snapshotFile().toByteArray());
            for (Map.Entry<String, ExistingRepository.LoadedRole> role :
                repo.targetsRoles().entrySet()) {
              files.write(
                  metadataDir.resolve(
                      MetadataPaths.role(
                          role.getKey(),
                          role.getValue().envelope().signed().version(),
                          consistent)),
                  role.getValue().fileBytes().toByteArray());
            }
            if (!metadataOnly) {
              Collection<String> wanted = new TreeSet<>(names);
              if (wanted.isEmpty()) {
                repo.targetsRoles()
                    .values()
                    .forEach(r -> wanted.addAll(r.envelope().signed().targets().keySet()));
              }
              for (TargetInfo info : targets(updater, wanted, !names.isEmpty())) {
                String sha = info.file().hashes().getOrDefault("sha256", "");
                Path file =
                    targetsDir.resolve(
                        MetadataPaths.target(info.path().resolved(), sha, consistent));
                updater.downloadTarget(info, targetsUrl, file, files);
              }
            }
            tuftool.out.println(
                "cloned metadata into "
                    + metadataDir
                    + (metadataOnly ? "" : " and targets into " + targetsDir));
          });
      return 0;
    }
  }

  /**
   * Where the repository is and what to trust: the options {@code download} and {@code clone}
   * share.
   */
  static final class Source {
    @Option(
        names = {"-r", "--root"},
        paramLabel = "ROOT",
        description = "the trusted root.json")
    Path root;

    @Option(
        names = "--allow-root-download",
        description = "trust the repository's N.root.json without verification (unsafe; N from -v)")
    boolean allowRootDownload;

    @Option(
        names = {"-v", "--root-version"},
        paramLabel = "N",
        defaultValue = "1",
        description =
            "the root version to download with --allow-root-download (default: ${DEFAULT-VALUE})")
    long rootVersion;

    @Option(
        names = {"-m", "--metadata-url"},
        required = true,
        paramLabel = "METADATA_URL",
        converter = UrlArgument.class,
        description = "the repository's metadata: a URL or a directory")
    URI metadataUrl;

    @Option(
        names = "--allow-expired-repo",
        description = "load the repository even if its metadata has expired (unsafe)")
    boolean allowExpired;

    void withRepository(Tuftool tuftool, RepositoryWork work) throws TufException, UsageException {
      if (root == null && !allowRootDownload) {
        throw new UsageException(
            "give the trusted root with -r ROOT (or, unsafely, --allow-root-download)");
      }
      Transport transport = ExistingRepositories.transportFor(metadataUrl);
      ExistingRepositories.withVerified(
          metadataUrl,
          transport,
          trustedRoot(tuftool, transport),
          ExistingRepositories.expiration(allowExpired),
          tuftool.clock,
          (updater, repo) -> {
            work.run(updater, repo);
            return null;
          });
    }

    /**
     * {@code -r ROOT}, or with {@code --allow-root-download} the unverified {@code N.root.json}.
     */
    private byte[] trustedRoot(Tuftool tuftool, Transport transport) throws TufException {
      if (root != null) {
        try {
          return Files.readAllBytes(root);
        } catch (IOException e) {
          throw new StorageException(root, "could not read the root", e);
        }
      }
      URI url = UpdaterConfig.withSlash(metadataUrl).resolve(MetadataPaths.root(rootVersion));
      tuftool.err.println(
          "WARNING: trusting " + url + " without verification (--allow-root-download)");
      if (transport.fetch(url, Limits.defaults().maxRootBytes())
          instanceof FetchResult.Found found) {
        try (InputStream in = found.body()) {
          return in.readAllBytes();
        } catch (IOException e) {
          throw DownloadIOException.unwrap(e, url);
        }
      }
      throw new MissingMetadataException(MetadataPaths.root(rootVersion), url.toString());
    }
  }

  @FunctionalInterface
  interface RepositoryWork {
    void run(Updater updater, ExistingRepository repo) throws TufException;
  }

  /**
   * Each wanted target resolved through the delegation walk. A named target it does not reach is an
   * error; when every listed target is wanted, a listing outside its role's delegated paths is
   * skipped.
   */
  private static List<TargetInfo> targets(Updater updater, Collection<String> wanted, boolean named)
      throws TufException {
    List<TargetInfo> found = new ArrayList<>();
    for (String name : new TreeSet<>(wanted)) {
      var info = updater.findTarget(TargetPath.of(name));
      if (info.isPresent()) {
        found.add(info.get());
      } else if (named) {
        throw new MissingTargetException(name, "any trusted targets role");
      }
    }
    return found;
  }
}
