package dev.keel.reposerver.publish;

import dev.keel.tuf.crypto.KeySource;
import dev.keel.tuf.crypto.KeySources;
import dev.keel.tuf.crypto.Signer;
import dev.keel.tuf.error.KeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The online keys that sign targets, snapshot and timestamp. Loaded once at start-up from {@link
 * KeySource}s; the root key is never among them.
 */
public record SigningKeys(List<Signer> signers) {
  public SigningKeys {
    signers = List.copyOf(signers);
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("at least one signing key is required");
    }
  }

  /** Loads every key source (file paths or {@code file:} URLs). */
  public static SigningKeys load(List<String> sources) throws KeyException {
    List<Signer> out = new ArrayList<>();
    for (String s : sources) {
      KeySource source = KeySources.parse(s, Optional.empty());
      out.add(source.signer());
    }
    return new SigningKeys(out);
  }
}
