package dev.keel.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.datastore.Key;

/**
 * A setting the new version introduces. Forward: the live settings get {@code default} if they have
 * no value yet (pending transactions are left alone). Backward: the setting is removed everywhere,
 * so the older version never sees a key it does not know.
 *
 * <pre>Migrations.main(args, new AddSetting("settings.motd", "Welcome"));</pre>
 */
public final class AddSetting implements Migration {
  private final Key key;
  private final JsonNode defaultValue;

  /**
   * @param defaultValue a String, Number, Boolean, List, Map or JsonNode
   */
  public AddSetting(String key, Object defaultValue) {
    this.key = Settings.key(key);
    this.defaultValue = Settings.value(defaultValue);
  }

  @Override
  public void forward(MigrationData data) {
    if (data.isLive() && data.get(key).isEmpty()) {
      data.set(key, defaultValue.deepCopy());
    }
  }

  @Override
  public void backward(MigrationData data) {
    data.remove(key);
  }
}
