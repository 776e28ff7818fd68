package dev.keel.migration;

import dev.keel.datastore.Key;

/**
 * A setting that moves to a new name, with its metadata, in the live settings and in every pending
 * transaction. Backward moves it back.
 *
 * <pre>
 * Migrations.main(args, new RenameSetting("settings.ntp.servers", "settings.ntp.time-servers"));
 * </pre>
 */
public final class RenameSetting implements Migration {
  private final Key from;
  private final Key to;

  public RenameSetting(String from, String to) {
    this.from = Settings.key(from);
    this.to = Settings.key(to);
    if (this.from.equals(this.to)) {
      throw new IllegalArgumentException(
          "a rename needs two different keys, got " + from + " twice");
    }
  }

  @Override
  public void forward(MigrationData data) {
    data.rename(from, to);
  }

  @Override
  public void backward(MigrationData data) {
    data.rename(to, from);
  }
}
