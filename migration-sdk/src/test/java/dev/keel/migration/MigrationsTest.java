package dev.keel.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.datastore.Committed;
import dev.keel.datastore.FilesystemDatastore;
import dev.keel.datastore.Key;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path source;
  private Path target;
  private final Migration migration =
      Migration.sequence(
          new AddSetting("settings.motd", "Welcome"),
          new RenameSetting("settings.ntp.servers", "settings.ntp.time-servers"),
          new ReplaceValue("settings.mode", "old", "new"),
          new RemoveSetting("settings.legacy"));

  @BeforeEach
  void source() throws Exception {
    source = dir.resolve("v1.0.0_aaaaaaaaaaaaaaaa");
    target = dir.resolve("v1.1.0_bbbbbbbbbbbbbbbb");
    FilesystemDatastore ds = FilesystemDatastore.at(source);
    ds.set(Key.parse("settings.ntp.servers"), "[\"a.pool\",\"b.pool\"]", Committed.LIVE);
    ds.setMetadata(
        Key.parse("settings.ntp.servers"), "affected-services", "[\"chronyd\"]", Committed.LIVE);
    ds.set(Key.parse("settings.mode"), "\"old\"", Committed.LIVE);
    ds.set(Key.parse("settings.legacy"), "true", Committed.LIVE);
    ds.set(Key.parse("settings.host"), "\"h1\"", Committed.LIVE);
    ds.set(Key.parse("settings.ntp.servers"), "[\"c.pool\"]", Committed.pending("user-tx"));
  }

  private int run(String... args) {
    return Migrations.run(
        List.of(args),
        new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true),
        migration);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Optional<String> get(Path ds, String key, Committed c) throws Exception {
    return FilesystemDatastore.at(ds).get(Key.parse(key), c);
  }

  @Test
  void forwardMigratesLiveAndEveryPendingTransaction() throws Exception {
    assertEquals(
        0,
        run(
            "--source-datastore",
            source.toString(),
            "--forward",
            "--target-datastore",
            target.toString()));
    assertEquals(Optional.of("\"Welcome\""), get(target, "settings.motd", Committed.LIVE));
    assertEquals(
        Optional.of("[\"a.pool\",\"b.pool\"]"),
        get(target, "settings.ntp.time-servers", Committed.LIVE));
    assertEquals(
        Optional.of("[\"chronyd\"]"),
        FilesystemDatastore.at(target)
            .getMetadata(
                Key.parse("settings.ntp.time-servers"), "affected-services", Committed.LIVE));
    assertEquals(Optional.empty(), get(target, "settings.ntp.servers", Committed.LIVE));
    assertEquals(Optional.of("\"new\""), get(target, "settings.mode", Committed.LIVE));
    assertEquals(Optional.empty(), get(target, "settings.legacy", Committed.LIVE));
    assertEquals(Optional.of("\"h1\""), get(target, "settings.host", Committed.LIVE));
    Committed tx = Committed.pending("user-tx");
    assertEquals(Optional.of("[\"c.pool\"]"), get(target, "settings.ntp.time-servers", tx));
    assertEquals(
        Optional.empty(), get(target, "settings.motd", tx), "no default in a pending transaction");
    assertEquals(
        Optional.of("\"old\""),
        get(source, "settings.mode", Committed.LIVE),
        "the source is only read");
  }

  @Test
  void backwardUndoesForward() throws Exception {
    assertEquals(
        0,
        run(
            "--forward",
            "--source-datastore",
            source.toString(),
            "--target-datastore",
            target.toString()));
    Path back = dir.resolve("v1.0.0_cccccccccccccccc");
    assertEquals(
        0,
        run(
            "--backward",
            "--source-datastore",
            target.toString(),
            "--target-datastore",
            back.toString()));
    FilesystemDatastore b = FilesystemDatastore.at(back);
    FilesystemDatastore s = FilesystemDatastore.at(source);
    assertEquals(s.read(Committed.pending("user-tx")), b.read(Committed.pending("user-tx")));
    var live = s.read(Committed.LIVE);
    assertEquals(Optional.empty(), b.get(Key.parse("settings.motd"), Committed.LIVE));
    assertEquals(
        Optional.empty(),
        b.get(Key.parse("settings.legacy"), Committed.LIVE),
        "removed settings stay removed");
    assertEquals(live.metadata(), b.read(Committed.LIVE).metadata());
    assertEquals(live.data().size() - 1, b.read(Committed.LIVE).data().size());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(
        2, run("--source-datastore", source.toString(), "--target-datastore", target.toString()));
    assertEquals(
        2, run("--forward", "--backward", "--source-datastore", "a", "--target-datastore", "b"));
    assertEquals(2, run("--forward", "--source-datastore", "a"));
    assertEquals(
        2, run("--forward", "--source-datastore", "a", "--target-datastore", "b", "--no-color"));
    assertEquals(
        2,
        run(
            "--forward",
            "--source-datastore",
            source.toString(),
            "--target-datastore",
            source + "/"));
    assertTrue(
        err().contains("--source-datastore and --target-datastore cannot be the same"), err());
    assertFalse(Files.exists(target));
  }

  @Test
  void failuresExitOne() throws Exception {
    Files.createDirectories(target.resolve("live"));
    Files.writeString(target.resolve("live/x"), "1");
    assertEquals(
        1,
        run(
            "--forward",
            "--source-datastore",
            source.toString(),
            "--target-datastore",
            target.toString()));
    assertTrue(err().contains("already exists and is not empty"), err());
    Files.writeString(source.resolve("live/settings/broken"), "not json");
    Path other = dir.resolve("other");
    assertEquals(
        1,
        run(
            "--forward",
            "--source-datastore",
            source.toString(),
            "--target-datastore",
            other.toString()));
    assertTrue(err().contains("settings.broken is not JSON"), err());
    assertEquals(
        1,
        run(
            "--forward",
            "--source-datastore",
            dir.resolve("none").toString(),
            "--target-datastore",
            dir.resolve("t2").toString()));
  }
}
