package dev.keel.reposerver.publish;

import dev.keel.tuf.model.TargetPath;
import java.util.Objects;

/** A target to publish: its TUF name and the SHA-256 of the upload that holds its bytes. */
public record NamedUpload(TargetPath name, String sha256) {
  public NamedUpload {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
  }
}
