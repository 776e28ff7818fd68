package dev.keel.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.datastore.Key;

/**
 * A setting whose old value the new version spells differently. Forward: {@code oldValue} becomes
 * {@code newValue}; backward the reverse; any other value is left alone. Values compare as JSON
 * ({@code 1} and {@code "1"} differ).
 *
 * <pre>
 * Migrations.main(args, new ReplaceValue("settings.updates.metadata-base-url", OLD_URL, NEW_URL));
 * </pre>
 */
public final class ReplaceValue implements Migration {
  private final Key key;
  private final JsonNode oldValue;
  private final JsonNode newValue;

  /**
   * @param oldValue and newValue: a String, Number, Boolean, List, Map or JsonNode
   */
  public ReplaceValue(String key, Object oldValue, Object newValue) {
    this.key = Settings.key(key);
    this.oldValue = Settings.value(oldValue);
    this.newValue = Settings.value(newValue);
  }

  @Override
  public void forward(MigrationData data) {
    replace(data, oldValue, newValue);
  }

  @Override
  public void backward(MigrationData data) {
    replace(data, newValue, oldValue);
  }

  private void replace(MigrationData data, JsonNode from, JsonNode to) {
    data.get(key).filter(from::equals).ifPresent(v -> data.set(key, to.deepCopy()));
  }
}
