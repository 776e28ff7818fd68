package dev.keel.tuf.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.crypto.Signer;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.testkit.DyingSink;
import dev.keel.tuf.testkit.TestRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryWriterTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static String read(Updater client, TestRepository repo, String name) throws Exception {
    TargetInfo info = client.findTarget(TargetPath.of(name)).orElseThrow();
    try (InputStream in = client.openTarget(info, repo.targetsUri())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void writesTheConsistentSnapshotLayout(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir, NOW)
            .addTarget("a/b.txt", "hello".getBytes(StandardCharsets.UTF_8));
    Path md = repo.metadataDir();
    for (String f :
        List.of(
            "1.root.json",
            "timestamp.json",
            "2.snapshot.json",
            "2.targets.json",
            "1.targets.json")) {
      assertTrue(Files.exists(md.resolve(f)), f);
    }
    String sha = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    assertTrue(Files.isRegularFile(repo.targetsDir().resolve("a/" + sha + ".b.txt")));
    String text = Files.readString(md.resolve("timestamp.json"));
    assertTrue(text.startsWith("{\n  \"signed\": {\n    \"_type\": \"timestamp\""), text);
    assertTrue(text.endsWith("}\n"));
  }

  @Test
  void aCrashAtAnyWriteLeavesARepositoryThatVerifies(@TempDir Path dir) throws Exception {
    TestRepository repo =
        TestRepository.create(dir.resolve("repo"), NOW).addTarget("one.txt", "v1".getBytes());
    Path staged = dir.resolve("two.txt");
    Files.writeString(staged, "v2");
    List<Signer> signers = new ArrayList<>();
    for (RoleType r : RoleType.values()) {
      signers.addAll(repo.keys(r));
    }
    int crashes = 0;
    for (int failAt = 1; ; failAt++) {
      RepositoryEditor editor = repo.edit();
      editor.addTargetFile(
          RepositoryEditor.TOP_LEVEL_TARGETS,
          TargetPath.of("two.txt"),
          staged,
          Set.of(HashAlgorithm.SHA256),
          Optional.empty());
      editor
          .expires(RepositoryEditor.TOP_LEVEL_TARGETS, NOW.plusSeconds(86400))
          .snapshotExpires(NOW.plusSeconds(86400))
          .timestampExpires(NOW.plusSeconds(86400));
      DyingSink sink = DyingSink.after(failAt - 1);
      SignedRepository signed = editor.sign(signers);
      try {
        new RepositoryWriter(sink)
            .write(
                signed,
                repo.metadataDir(),
                repo.targetsDir(),
                RepositoryWriter.TargetPlacement.COPY,
                RepositoryWriter.ExistingTarget.SKIP);
        break;
      } catch (StorageException expected) {
        crashes++;
        // The previous release must still verify and serve its target, from a fresh client.
        Updater client = repo.client(dir.resolve("cache-" + failAt), NOW);
        assertEquals("v1", read(client, repo, "one.txt"));
        assertTrue(
            client.findTarget(TargetPath.of("two.txt")).isEmpty(),
            "nothing half-published is visible");
        // Undo what the failed attempt managed to write, so that the next attempt crashes one
        // step later in the same sequence.
        deleteNewerThan(repo, 2);
        try (Stream<Path> files = Files.list(repo.targetsDir())) {
          for (Path p :
              files.filter(p -> p.getFileName().toString().endsWith(".two.txt")).toList()) {
            Files.delete(p);
          }
        }
      }
    }
    // A crash before the target copy, targets.json, snapshot and timestamp.json at least.
    assertTrue(crashes >= 4, "crashes simulated: " + crashes);
    Updater client = repo.client(dir.resolve("cache-final"), NOW);
    assertEquals("v2", read(client, repo, "two.txt"));
  }

  private static void deleteNewerThan(TestRepository repo, long version) throws IOException {
    try (Stream<Path> files = Files.list(repo.metadataDir())) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        String n = p.getFileName().toString();
        if (n.matches("\\d+\\.(snapshot|targets)\\.json")
            && Long.parseLong(n.split("\\.")[0]) > version) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  void neverOverwritesAPublishedVersionWithOtherBytes(@TempDir Path dir) throws Exception {
    TestRepository repo = TestRepository.create(dir, NOW);
    Path targets = repo.metadataDir().resolve("1.targets.json");
    byte[] before = Files.readAllBytes(targets);
    RepositoryEditor editor = repo.edit();
    editor
        .version(RepositoryEditor.TOP_LEVEL_TARGETS, 1)
        .expires(RepositoryEditor.TOP_LEVEL_TARGETS, NOW.plusSeconds(99))
        .snapshotExpires(NOW.plusSeconds(99))
        .timestampExpires(NOW.plusSeconds(99));
    List<Signer> signers = new ArrayList<>();
    for (RoleType r : RoleType.values()) {
      signers.addAll(repo.keys(r));
    }
    StorageException e =
        assertThrows(
            StorageException.class,
            () ->
                new RepositoryWriter(new AtomicFiles())
                    .write(
                        editor.sign(signers),
                        repo.metadataDir(),
                        repo.targetsDir(),
                        RepositoryWriter.TargetPlacement.COPY,
                        RepositoryWriter.ExistingTarget.SKIP));
    assertEquals(targets, e.path());
    assertArrayEquals(before, Files.readAllBytes(targets));
  }
}
