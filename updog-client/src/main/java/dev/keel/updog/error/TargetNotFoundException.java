package dev.keel.updog.error;

/** A name from manifest.json (an image or a migration) is not a signed target of the repository. */
public final class TargetNotFoundException extends UpdogException {
  private final String target;

  public TargetNotFoundException(String target) {
    super(
        "Target not found: '" + target + "' is listed in manifest.json but not signed in targets");
    this.target = target;
  }

  public String target() {
    return target;
  }
}
