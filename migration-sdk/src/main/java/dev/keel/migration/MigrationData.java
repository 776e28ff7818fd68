package dev.keel.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.datastore.Committed;
import dev.keel.datastore.Key;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The settings of one part of a datastore (live, or one pending transaction) as a migration sees
 * and changes them: data keys to JSON values, and each key's metadata. Mutable; a migration edits
 * it in place.
 */
public final class MigrationData {
  private final Committed committed;
  private final SortedMap<Key, JsonNode> data;
  private final SortedMap<Key, SortedMap<String, JsonNode>> metadata;

  public MigrationData(
      Committed committed,
      Map<Key, JsonNode> data,
      Map<Key, ? extends Map<String, JsonNode>> metadata) {
    this.committed = committed;
    this.data = new TreeMap<>(data);
    this.metadata = new TreeMap<>();
    metadata.forEach((k, v) -> this.metadata.put(k, new TreeMap<>(v)));
  }

  /** Live settings or a pending transaction. */
  public Committed committed() {
    return committed;
  }

  public boolean isLive() {
    return committed instanceof Committed.Live;
  }

  /** All data keys and values; the map is live (changes go into the result). */
  public SortedMap<Key, JsonNode> data() {
    return data;
  }

  /** Metadata by data key, then by metadata name; live like {@link #data()}. */
  public SortedMap<Key, SortedMap<String, JsonNode>> metadata() {
    return metadata;
  }

  public Optional<JsonNode> get(Key key) {
    return Optional.ofNullable(data.get(key));
  }

  public void set(Key key, JsonNode value) {
    data.put(key, value);
  }

  /** Removes a key's value and its metadata; returns the value it had. */
  public Optional<JsonNode> remove(Key key) {
    metadata.remove(key);
    return Optional.ofNullable(data.remove(key));
  }

  /**
   * Moves a key's value and metadata to a new name; returns whether {@code from} had a value. An
   * existing value at {@code to} is replaced only when {@code from} has one.
   */
  public boolean rename(Key from, Key to) {
    JsonNode value = data.remove(from);
    SortedMap<String, JsonNode> meta = metadata.remove(from);
    if (meta != null) {
      metadata.put(to, meta);
    }
    if (value == null) {
      return false;
    }
    data.put(to, value);
    return true;
  }
}
