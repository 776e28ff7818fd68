package dev.keel.tuftool;

import dev.keel.tuf.crypto.Signer;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.repo.RepositoryWriter;
import dev.keel.tuf.repo.SignedRepository;
import dev.keel.tuf.storage.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tuftool create} and {@code tuftool update}: sign a repository and write it to OUTDIR. */
final class RepoCommand {
  private RepoCommand() {}

  @Command(
      name = "create",
      description =
          "Sign a new repository from a directory of targets and write it to "
              + "OUTDIR/metadata, with the targets linked into OUTDIR/targets under their consistent names.")
  static final class Create implements Callable<Integer> {
    @ParentCommand Tuftool tuftool;
    @Mixin Signing signing;

    @Option(
        names = {"-r", "--root"},
        required = true,
        paramLabel = "ROOT",
        description = "the signed root.json")
    Path root;

    @Option(
        names = {"-t", "--add-targets"},
        required = true,
        paramLabel = "TARGETS_DIR",
        description = "every file under it becomes a target, named by its relative path")
    Path targetsDir;

    @Override
    public Integer call() throws TufException {
      RepositoryEditor editor;
      try {
        editor = RepositoryEditor.create(Files.readAllBytes(root));
      } catch (IOException e) {
        throw new StorageException(root, "could not read root", e);
      }
      signing.signAndWrite(tuftool, editor, targetsDir);
      return 0;
    }
  }

  @Command(
      name = "update",
      description = {
        "Load a repository verified from ROOT, set the versions and expiries given, "
            + "add targets, and write the next version to OUTDIR.",
        "When ROOT is one version newer than the repository's newest root and signed by that root's keys "
            + "(tuftool root sign -c OLD), it is published too: that is how keys are rotated."
      })
  static final class Update implements Callable<Integer> {
    @ParentCommand Tuftool tuftool;
    @Mixin Signing signing;

    @Option(
        names = {"-r", "--root"},
        required = true,
        paramLabel = "ROOT",
        description = "the trusted root.json, or the next root version to publish")
    Path root;

    @Option(
        names = {"-m", "--metadata-url"},
        required = true,
        paramLabel = "METADATA_URL",
        converter = UrlArgument.class,
        description = "the repository's metadata: a URL or a directory")
    URI metadataUrl;

    @Option(
        names = {"-t", "--add-targets"},
        paramLabel = "TARGETS_DIR",
        description = "targets to add")
    Path targetsDir;

    @Option(
        names = "--allow-expired-repo",
        description = "load the repository even if its metadata has expired")
    boolean allowExpired;

    @Override
    public Integer call() throws TufException {
      RepositoryEditor editor =
          ExistingRepositories.load(
              root, metadataUrl, ExistingRepositories.expiration(allowExpired), tuftool.clock);
      signing.signAndWrite(tuftool, editor, targetsDir);
      return 0;
    }
  }

  /**
   * What {@code create} and {@code update} share: the keys, the output and the new versions and
   * expiries.
   */
  static final class Signing {
    @Option(
        names = {"-k", "--key"},
        required = true,
        paramLabel = "KEY",
        description = "a key for the snapshot, targets and timestamp roles (repeatable)")
    List<String> keys;

    @Option(
        names = {"-o", "--outdir"},
        required = true,
        paramLabel = "OUTDIR",
        description = "where to write")
    Path outdir;

    @Option(names = "--targets-expires", paramLabel = "TIME")
    Instant targetsExpires;

    @Option(names = "--targets-version", paramLabel = "N")
    Long targetsVersion;

    @Option(names = "--snapshot-expires", paramLabel = "TIME")
    Instant snapshotExpires;

    @Option(names = "--snapshot-version", paramLabel = "N")
    Long snapshotVersion;

    @Option(names = "--timestamp-expires", paramLabel = "TIME")
    Instant timestampExpires;

    @Option(names = "--timestamp-version", paramLabel = "N")
    Long timestampVersion;

    @Option(
        names = {"-f", "--follow"},
        description = "follow symbolic links in TARGETS_DIR")
    boolean follow;

    @Option(
        names = "--target-path-exists",
        paramLabel = "skip|replace|fail",
        defaultValue = "skip",
        description = "when a target file is already in OUTDIR/targets (default: ${DEFAULT-VALUE})")
    RepositoryWriter.ExistingTarget existing;

    void signAndWrite(Tuftool tuftool, RepositoryEditor editor, Path targetsDir)
        throws TufException {
      List<Signer> signers = new ArrayList<>();
      for (String spec : keys) {
        signers.add(KeyArguments.source(spec).signer());
      }
      if (targetsDir != null) {
        addTargets(editor, targetsDir, follow);
      }
      String top = RepositoryEditor.TOP_LEVEL_TARGETS;
      if (targetsVersion != null) {
        editor.version(top, targetsVersion);
      }
      if (targetsExpires != null) {
        editor.expires(top, targetsExpires);
      }
      if (snapshotVersion != null) {
        editor.snapshotVersion(snapshotVersion);
      }
      if (snapshotExpires != null) {
        editor.snapshotExpires(snapshotExpires);
      }
      if (timestampVersion != null) {
        editor.timestampVersion(timestampVersion);
      }
      if (timestampExpires != null) {
        editor.timestampExpires(timestampExpires);
      }
      SignedRepository signed = editor.sign(signers);
      new RepositoryWriter(new AtomicFiles())
          .write(
              signed,
              outdir.resolve("metadata"),
              outdir.resolve("targets"),
              RepositoryWriter.TargetPlacement.SYMLINK,
              existing);
      tuftool.out.println(
          "wrote "
              + outdir.resolve("metadata")
              + ": targets v"
              + signed.targetsRoles().stream()
                  .filter(r -> r.name().equals(top))
                  .findFirst()
                  .map(r -> r.version())
                  .orElse(0L)
              + ", snapshot v"
              + signed.snapshot().version()
              + ", timestamp v"
              + signed.timestamp().version()
              + ", "
              + signed.targets().size()
              + " target file(s)");
    }
  }

  private static void addTargets(RepositoryEditor editor, Path dir, boolean follow)
      throws TufException {
    List<Path> files;
    Set<FileVisitOption> options =
        follow ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
    try (Stream<Path> walk =
        Files.walk(dir, Integer.MAX_VALUE, options.toArray(FileVisitOption[]::new))) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new StorageException(dir, "could not list targets", e);
    }
    for (Path file : files) {
      String name = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
      editor.addTargetFile(
          RepositoryEditor.TOP_LEVEL_TARGETS,
          TargetPath.of(name),
          file,
          EnumSet.of(HashAlgorithm.SHA256),
          Optional.empty());
    }
  }
}
