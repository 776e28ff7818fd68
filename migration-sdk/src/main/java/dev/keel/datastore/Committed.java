package dev.keel.datastore;

import java.util.Objects;

/** Which part of a datastore: the live settings, or one pending (uncommitted) transaction. */
public sealed interface Committed permits Committed.Live, Committed.Pending {
  Committed LIVE = new Live();

  static Committed pending(String transaction) {
    return new Pending(transaction);
  }

  /** {@code live/}. */
  record Live() implements Committed {
    @Override
    public String toString() {
      return "live";
    }
  }

  /** {@code pending/<percent-encoded transaction>/}. */
  record Pending(String transaction) implements Committed {
    public Pending {
      Objects.requireNonNull(transaction, "transaction");
      if (transaction.isEmpty()) {
        throw new IllegalArgumentException("a transaction name must not be empty");
      }
    }

    @Override
    public String toString() {
      return "pending transaction '" + transaction + "'";
    }
  }
}
