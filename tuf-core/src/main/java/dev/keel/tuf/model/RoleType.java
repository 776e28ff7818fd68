package dev.keel.tuf.model;

import java.util.Optional;

/** The four top-level TUF roles. Role names come from here, never from string literals. */
public enum RoleType {
  ROOT("root"),
  TIMESTAMP("timestamp"),
  SNAPSHOT("snapshot"),
  TARGETS("targets");

  private final String jsonName;

  RoleType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used for {@code _type}, in {@code roles} and in file names. */
  public String jsonName() {
    return jsonName;
  }

  /** The role's entry name in snapshot or timestamp {@code meta}, e.g. {@code targets.json}. */
  public String metaPath() {
    return jsonName + ".json";
  }

  public static Optional<RoleType> fromJsonName(String name) {
    for (RoleType t : values()) {
      if (t.jsonName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
