package dev.keel.migration;

import java.util.List;

/**
 * One datastore migration, as a migration author writes it (the original's {@code Migration}
 * trait). {@link #forward} runs when the host moves to the OS version that introduced the
 * migration, {@link #backward} when it moves back. Each is called once for the live settings and
 * once for every pending transaction, and changes the {@link MigrationData} in place.
 *
 * <p>Rules: never assume a key exists (a pending transaction holds only what it changes); check
 * {@link MigrationData#committed()} before adding values (a default belongs in the live settings,
 * not in a transaction, where committing it would overwrite the user's value).
 */
public interface Migration {
  void forward(MigrationData data) throws MigrationException;

  void backward(MigrationData data) throws MigrationException;

  /** Several migrations as one: forward in the given order, backward in reverse. */
  static Migration sequence(Migration... steps) {
    List<Migration> list = List.of(steps);
    return new Migration() {
      @Override
      public void forward(MigrationData data) throws MigrationException {
        for (Migration m : list) {
          m.forward(data);
        }
      }

      @Override
      public void backward(MigrationData data) throws MigrationException {
        for (int i = list.size() - 1; i >= 0; i--) {
          list.get(i).backward(data);
        }
      }
    };
  }
}
