package dev.keel.datastore;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one part of a datastore holds, as raw JSON text: data keys to values, and for each
 * data key its metadata names to values (metadata may exist for a key that has no value).
 */
public record DatastoreContents(
    SortedMap<Key, String> data, SortedMap<Key, SortedMap<String, String>> metadata) {
  public DatastoreContents {
    data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
    TreeMap<Key, SortedMap<String, String>> meta = new TreeMap<>();
    for (Map.Entry<Key, SortedMap<String, String>> e : metadata.entrySet()) {
      meta.put(e.getKey(), Collections.unmodifiableSortedMap(new TreeMap<>(e.getValue())));
    }
    metadata = Collections.unmodifiableSortedMap(meta);
  }
}
