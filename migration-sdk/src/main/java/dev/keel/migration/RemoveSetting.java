package dev.keel.migration;

import dev.keel.datastore.Key;

/**
 * A setting the new version drops. Forward: removed everywhere (value and metadata). Backward:
 * nothing to do; the older version's defaults provide it again.
 *
 * <pre>Migrations.main(args, new RemoveSetting("settings.legacy-flag"));</pre>
 */
public final class RemoveSetting implements Migration {
  private final Key key;

  public RemoveSetting(String key) {
    this.key = Settings.key(key);
  }

  @Override
  public void forward(MigrationData data) {
    data.remove(key);
  }

  @Override
  public void backward(MigrationData data) {
    // The older version knows this setting and has a default for it.
  }
}
