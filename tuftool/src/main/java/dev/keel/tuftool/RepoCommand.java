package dev.keel.tuftool;

import dev.keel.cli.TimeArgument;
import dev.keel.cli.CommandLine;
import dev.keel.cli.UsageException;
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
import java.io.PrintStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** {@code tuftool create} and {@code tuftool update}: sign a repository and write it to OUTDIR. */
final class RepoCommand {
  static final Set<String> VALUE_OPTIONS = Set.of("-r/--root", "-k/--key", "-t/--add-targets", "-o/--outdir",
      "--targets-expires", "--targets-version", "--snapshot-expires", "--snapshot-version", "--timestamp-expires",
      "--timestamp-version", "--target-path-exists", "-m/--metadata-url");
  static final Set<String> FLAGS = Set.of("-f/--follow", "--allow-expired-repo");

  private final Clock clock;
  private final PrintStream out;

  RepoCommand(Clock clock, PrintStream out) {
    this.clock = clock;
    this.out = out;
  }

  void create(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, VALUE_OPTIONS, FLAGS);
    cl.expectPositionals(0, 0, "tuftool create -r ROOT -k KEY... -t TARGETS_DIR -o OUTDIR ...");
    if (cl.value("-m/--metadata-url").isPresent()) {
      throw new UsageException("create starts a new repository; use 'tuftool update' with -m");
    }
    Path rootFile = Path.of(cl.required("-r/--root"));
    RepositoryEditor editor;
    try {
      editor = RepositoryEditor.create(Files.readAllBytes(rootFile));
    } catch (IOException e) {
      throw new StorageException(rootFile, "could not read root", e);
    }
    signAndWrite(cl, editor, Path.of(cl.required("-t/--add-targets")));
  }

  void update(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, VALUE_OPTIONS, FLAGS);
    cl.expectPositionals(0, 0, "tuftool update -r ROOT -k KEY... -m METADATA_URL -o OUTDIR [-t TARGETS_DIR] ...");
    RepositoryEditor editor = ExistingRepositories.load(cl, clock);
    signAndWrite(cl, editor, cl.value("-t/--add-targets").map(Path::of).orElse(null));
  }

  private void signAndWrite(CommandLine cl, RepositoryEditor editor, Path targetsDir) throws UsageException, TufException {
    Path outdir = Path.of(cl.required("-o/--outdir"));
    List<Signer> signers = new ArrayList<>();
    for (String spec : cl.all("-k/--key")) {
      signers.add(KeyArguments.source(spec).signer());
    }
    if (signers.isEmpty()) {
      throw new UsageException("missing required option -k/--key");
    }
    RepositoryWriter.ExistingTarget existing = existingTarget(cl.value("--target-path-exists").orElse("skip"));
    if (targetsDir != null) {
      addTargets(editor, targetsDir, cl.flag("-f/--follow"));
    }
    String top = RepositoryEditor.TOP_LEVEL_TARGETS;
    Optional<String> tv = cl.value("--targets-version");
    if (tv.isPresent()) {
      editor.version(top, CommandLine.parseLong(tv.get(), "--targets-version"));
    }
    Optional<String> te = cl.value("--targets-expires");
    if (te.isPresent()) {
      editor.expires(top, TimeArgument.parse(te.get(), clock));
    }
    Optional<String> sv = cl.value("--snapshot-version");
    if (sv.isPresent()) {
      editor.snapshotVersion(CommandLine.parseLong(sv.get(), "--snapshot-version"));
    }
    Optional<String> se = cl.value("--snapshot-expires");
    if (se.isPresent()) {
      editor.snapshotExpires(TimeArgument.parse(se.get(), clock));
    }
    Optional<String> tsv = cl.value("--timestamp-version");
    if (tsv.isPresent()) {
      editor.timestampVersion(CommandLine.parseLong(tsv.get(), "--timestamp-version"));
    }
    Optional<String> tse = cl.value("--timestamp-expires");
    if (tse.isPresent()) {
      editor.timestampExpires(TimeArgument.parse(tse.get(), clock));
    }
    SignedRepository signed = editor.sign(signers);
    new RepositoryWriter(new AtomicFiles()).write(signed, outdir.resolve("metadata"), outdir.resolve("targets"),
        RepositoryWriter.TargetPlacement.SYMLINK, existing);
    out.println("wrote " + outdir.resolve("metadata") + ": targets v" + signed.targetsRoles().stream()
        .filter(r -> r.name().equals(RepositoryEditor.TOP_LEVEL_TARGETS)).findFirst().map(r -> r.version()).orElse(0L)
        + ", snapshot v" + signed.snapshot().version() + ", timestamp v" + signed.timestamp().version()
        + ", " + signed.targets().size() + " target file(s)");
  }

  private static void addTargets(RepositoryEditor editor, Path dir, boolean follow) throws TufException {
    List<Path> files;
    Set<FileVisitOption> options = follow ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
    try (Stream<Path> walk = Files.walk(dir, Integer.MAX_VALUE, options.toArray(FileVisitOption[]::new))) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new StorageException(dir, "could not list targets", e);
    }
    for (Path file : files) {
      String name = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
      editor.addTargetFile(RepositoryEditor.TOP_LEVEL_TARGETS, TargetPath.of(name), file,
          EnumSet.of(HashAlgorithm.SHA256), Optional.empty());
    }
  }

  private static RepositoryWriter.ExistingTarget existingTarget(String value) throws UsageException {
    return switch (value) {
      case "skip" -> RepositoryWriter.ExistingTarget.SKIP;
      case "replace" -> RepositoryWriter.ExistingTarget.REPLACE;
      case "fail" -> RepositoryWriter.ExistingTarget.FAIL;
      default -> throw new UsageException("--target-path-exists must be skip, replace or fail, got '" + value + "'");
    };
  }
}
