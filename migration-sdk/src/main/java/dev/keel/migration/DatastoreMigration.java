package dev.keel.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.datastore.Committed;
import dev.keel.datastore.DatastoreContents;
import dev.keel.datastore.DatastoreException;
import dev.keel.datastore.FilesystemDatastore;
import dev.keel.datastore.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs a {@link Migration} from one datastore directory to a new one (the original's {@code
 * run_migration}): for the live settings and then each pending transaction of the source, read
 * every key and its metadata, hand them to {@code forward} or {@code backward}, and write the
 * result into the target. The source is only read. The target must not exist or be empty.
 */
public final class DatastoreMigration {
  private DatastoreMigration() {}

  /**
   * @throws MigrationException if the migration refuses the data, a value is not JSON, or the
   *     target already holds something
   * @throws DatastoreException if reading or writing a datastore failed
   */
  public static void run(Migration migration, MigrationArgs args)
      throws MigrationException, DatastoreException {
    FilesystemDatastore source = FilesystemDatastore.at(args.source());
    FilesystemDatastore target = FilesystemDatastore.at(args.target());
    if (!source.exists()) {
      throw new MigrationException(
          "no datastore at " + args.source() + " (it has no live/ directory)");
    }
    requireEmpty(args.target());
    List<Committed> parts = new ArrayList<>();
    parts.add(Committed.LIVE);
    for (String tx : source.transactions()) {
      parts.add(Committed.pending(tx));
    }
    for (Committed committed : parts) {
      MigrationData data = toData(committed, source.read(committed));
      if (args.direction() == Direction.FORWARD) {
        migration.forward(data);
      } else {
        migration.backward(data);
      }
      target.write(toContents(data), committed);
    }
  }

  private static void requireEmpty(Path target) throws MigrationException {
    if (!Files.exists(target)) {
      return;
    }
    try (Stream<Path> entries = Files.list(target)) {
      if (entries.findAny().isPresent()) {
        throw new MigrationException(
            "the target datastore " + target + " already exists and is not empty");
      }
    } catch (IOException e) {
      throw new MigrationException(
          "cannot read the target datastore " + target + ": " + e.getMessage(), e);
    }
  }

  static MigrationData toData(Committed committed, DatastoreContents contents)
      throws MigrationException {
    Map<Key, JsonNode> data = new TreeMap<>();
    for (var e : contents.data().entrySet()) {
      data.put(e.getKey(), parse(committed, e.getKey().name(), e.getValue()));
    }
    Map<Key, SortedMap<String, JsonNode>> metadata = new TreeMap<>();
    for (var e : contents.metadata().entrySet()) {
      SortedMap<String, JsonNode> meta = new TreeMap<>();
      for (var m : e.getValue().entrySet()) {
        meta.put(
            m.getKey(),
            parse(committed, e.getKey().name() + " (metadata " + m.getKey() + ")", m.getValue()));
      }
      metadata.put(e.getKey(), meta);
    }
    return new MigrationData(committed, data, metadata);
  }

  static DatastoreContents toContents(MigrationData data) {
    SortedMap<Key, String> values = new TreeMap<>();
    data.data().forEach((k, v) -> values.put(k, Settings.text(v)));
    SortedMap<Key, SortedMap<String, String>> metadata = new TreeMap<>();
    data.metadata()
        .forEach(
            (k, m) -> {
              SortedMap<String, String> texts = new TreeMap<>();
              m.forEach((name, v) -> texts.put(name, Settings.text(v)));
              metadata.put(k, texts);
            });
    return new DatastoreContents(values, metadata);
  }

  private static JsonNode parse(Committed committed, String what, String json)
      throws MigrationException {
    try {
      return Settings.parse(json);
    } catch (JsonProcessingException e) {
      throw new MigrationException(
          committed + ": the value of " + what + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
