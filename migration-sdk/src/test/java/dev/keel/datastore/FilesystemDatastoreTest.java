package dev.keel.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemDatastoreTest {
  @TempDir Path dir;

  private static Key key(String name) throws InvalidKeyException {
    return Key.parse(name);
  }

  @Test
  void keysAreEncodedPathsUnderLive() throws Exception {
    FilesystemDatastore ds = FilesystemDatastore.at(dir);
    ds.set(key("settings.motd"), "\"hi\"", Committed.LIVE);
    ds.set(key("settings.\"a.b\".c/d"), "42", Committed.LIVE);
    ds.setMetadata(key("settings.motd"), "affected-services", "[\"motd\"]", Committed.LIVE);
    assertEquals("\"hi\"", Files.readString(dir.resolve("live/settings/motd")));
    assertEquals("42", Files.readString(dir.resolve("live/settings/a%2Eb/c%2Fd")));
    assertEquals(
        "[\"motd\"]", Files.readString(dir.resolve("live/settings/motd.affected-services")));
    assertEquals(Optional.of("\"hi\""), ds.get(key("settings.motd"), Committed.LIVE));
    assertEquals(Optional.empty(), ds.get(key("settings.nope"), Committed.LIVE));
    assertEquals(
        List.of(key("settings.\"a.b\".c/d"), key("settings.motd")),
        ds.keys("settings.", Committed.LIVE));
    DatastoreContents all = ds.read(Committed.LIVE);
    assertEquals(
        Map.of("affected-services", "[\"motd\"]"), all.metadata().get(key("settings.motd")));
    assertEquals(2, all.data().size());
  }

  @Test
  void nonAsciiSegmentsArePercentEncodedUtf8() throws Exception {
    FilesystemDatastore ds = FilesystemDatastore.at(dir);
    ds.set(key("x.\"a.b\""), "1", Committed.pending("tx é/1"));
    assertTrue(Files.exists(dir.resolve("pending/tx%20%C3%A9%2F1/x/a%2Eb")));
    assertEquals(List.of("tx é/1"), ds.transactions());
    assertEquals(Optional.of("1"), ds.get(key("x.\"a.b\""), Committed.pending("tx é/1")));
  }

  @Test
  void deletePrunesEmptyParentsUpToTheBase() throws Exception {
    FilesystemDatastore ds = FilesystemDatastore.at(dir);
    ds.set(key("a.b.c.d"), "1", Committed.LIVE);
    ds.set(key("a.x"), "2", Committed.LIVE);
    assertTrue(ds.unset(key("a.b.c.d"), Committed.LIVE));
    assertFalse(Files.exists(dir.resolve("live/a/b")));
    assertTrue(Files.exists(dir.resolve("live/a/x")));
    assertTrue(ds.unset(key("a.x"), Committed.LIVE));
    assertFalse(Files.exists(dir.resolve("live/a")));
    assertTrue(Files.isDirectory(dir.resolve("live")), "the base itself stays");
    assertFalse(ds.unset(key("a.x"), Committed.LIVE));
  }

  @Test
  void metadataWithoutDataAndStrayFilesAreHandled() throws Exception {
    FilesystemDatastore ds = FilesystemDatastore.at(dir);
    ds.setMetadata(key("settings.x"), "m", "true", Committed.LIVE);
    Files.writeString(dir.resolve("live/bad%ZZ"), "1");
    Files.writeString(dir.resolve("live/.hidden"), "1");
    DatastoreContents all = ds.read(Committed.LIVE);
    assertTrue(all.data().isEmpty());
    assertEquals(Map.of("m", "true"), all.metadata().get(key("settings.x")));
    assertTrue(ds.unsetMetadata(key("settings.x"), "m", Committed.LIVE));
    assertFalse(Files.exists(dir.resolve("live/settings")));
  }

  @Test
  void missingLiveIsCorruptButMissingPendingIsEmpty() throws Exception {
    FilesystemDatastore ds = FilesystemDatastore.at(dir.resolve("nothing"));
    assertFalse(ds.exists());
    assertThrows(CorruptDatastoreException.class, () -> ds.read(Committed.LIVE));
    assertTrue(ds.read(Committed.pending("t")).data().isEmpty());
    assertEquals(List.of(), ds.transactions());
  }

  @Test
  void traversalOutsideTheBaseIsRefused() throws Exception {
    FilesystemDatastore ds = FilesystemDatastore.at(dir.resolve("ds"));
    // Encoded names hold no '/' and no '.', so a quoted ".." segment is just a file name.
    assertEquals(dir.resolve("ds/live/a/%2E%2E"), ds.dataPath(key("a.\"..\""), Committed.LIVE));
    // A symbolic link planted inside the datastore cannot carry a key outside it.
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createDirectories(dir.resolve("ds/live"));
    Files.createSymbolicLink(dir.resolve("ds/live/settings"), outside);
    assertThrows(
        PathTraversalException.class, () -> ds.set(key("settings.motd"), "1", Committed.LIVE));
    assertThrows(PathTraversalException.class, () -> ds.get(key("settings.motd"), Committed.LIVE));
    assertFalse(Files.exists(outside.resolve("motd")));
    DatastoreContents bulk =
        new DatastoreContents(
            new java.util.TreeMap<>(Map.of(key("settings.motd"), "1")), new java.util.TreeMap<>());
    assertThrows(PathTraversalException.class, () -> ds.write(bulk, Committed.LIVE));
    assertFalse(Files.exists(outside.resolve("motd")), "the bulk write checks links too");
    assertThrows(InvalidKeyException.class, () -> ds.metadataPath(key("a"), "x.y", Committed.LIVE));
  }
}
