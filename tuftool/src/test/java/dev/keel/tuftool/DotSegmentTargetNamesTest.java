package dev.keel.tuftool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.tuf.testkit.TestRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Target names with {@code .} and {@code ..} segments, as the original's repositories may list
 * them: {@code tuftool download} and {@code clone} fetch them and store each under its resolved
 * name, inside the output folder.
 */
class DotSegmentTargetNamesTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int tuftool(String... args) {
    err.reset();
    return new Tuftool(
            Clock.fixed(NOW, ZoneOffset.UTC),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of(args));
  }

  private static Set<String> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void downloadAndCloneStoreEachTargetUnderItsResolvedNameInsideTheOutputFolder(@TempDir Path dir)
      throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW)
            .addTarget("foo/../bar/data1.txt", "one".getBytes())
            .addTarget("../../escape.txt", "two".getBytes())
            .addTarget("./plain.txt", "three".getBytes());
    String root = repo.metadataDir().resolve("1.root.json").toString();
    Path out = dir.resolve("work/out");
    assertEquals(
        0,
        tuftool(
            "download",
            out.toString(),
            "-r",
            root,
            "-m",
            repo.metadataUri().toString(),
            "-t",
            repo.targetsUri().toString()),
        err.toString());
    assertEquals(Set.of("bar/data1.txt", "escape.txt", "plain.txt"), files(out));
    assertEquals("one", Files.readString(out.resolve("bar/data1.txt")));
    assertEquals(
        Set.of("out"),
        Files.list(dir.resolve("work"))
            .map(p -> p.getFileName().toString())
            .collect(Collectors.toSet()),
        "nothing written beside the output folder");

    Path md = dir.resolve("clone/metadata");
    Path td = dir.resolve("clone/targets");
    assertEquals(
        0,
        tuftool(
            "clone",
            "--metadata-dir",
            md.toString(),
            "--targets-dir",
            td.toString(),
            "-r",
            root,
            "-m",
            repo.metadataUri().toString(),
            "-t",
            repo.targetsUri().toString()),
        err.toString());
    assertEquals(
        files(repo.targetsDir()),
        files(td),
        "the clone's targets are laid out as the repository's");
  }
}
