package dev.keel.reposerver.store;

import dev.keel.tuf.crypto.KeyPairs;
import dev.keel.tuf.crypto.KeyScheme;
import dev.keel.tuf.crypto.PrivateKeys;
import dev.keel.tuf.crypto.Signatures;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.model.Key;
import dev.keel.tuf.model.RoleKeys;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.Signed;
import dev.keel.tuf.storage.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A development data directory: a fresh Ed25519 root key and one online key, kept unencrypted in
 * {@code dev-keys/}, and a version-1 {@code root.json} that gives the online key the targets,
 * snapshot and timestamp roles. For trying things out only: anyone who can read the data directory
 * can sign anything.
 */
public final class DevRepository {
  public static final String ROOT_KEY = "dev-keys/root.pem";
  public static final String ONLINE_KEY = "dev-keys/online.pem";

  private DevRepository() {}

  /**
   * Where the development repository lives: {@code $KEEL_REPO_DIR} if set, else {@code
   * keel/dev-repo} under the XDG state folder ({@code $XDG_STATE_HOME}, by default {@code
   * ~/.local/state}): outside any working tree, so no {@code git add .} can commit its unencrypted
   * keys.
   */
  public static Path defaultDir(Map<String, String> env) {
    String explicit = env.get("KEEL_REPO_DIR");
    if (explicit != null && !explicit.isEmpty()) {
      return Path.of(explicit).toAbsolutePath();
    }
    String state = env.get("XDG_STATE_HOME");
    Path base =
        state != null && Path.of(state).isAbsolute()
            ? Path.of(state)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
    return base.resolve("keel").resolve("dev-repo");
  }

  /**
   * Creates the keys and root in {@code dataDir} unless they exist; returns the online key path.
   */
  public static Path initialise(Path dataDir, Instant now)
      throws TufException, java.io.IOException {
    Path online = dataDir.resolve(ONLINE_KEY);
    if (Files.isRegularFile(dataDir.resolve("root.json")) && Files.isRegularFile(online)) {
      return online;
    }
    Files.createDirectories(dataDir.resolve("dev-keys"));
    SigningKey rootKey = KeyPairs.generate(KeyScheme.ED25519);
    SigningKey onlineKey = KeyPairs.generate(KeyScheme.ED25519);
    PrivateKeys.write(dataDir.resolve(ROOT_KEY), rootKey, Optional.empty());
    PrivateKeys.write(online, onlineKey, Optional.empty());
    new AtomicFiles()
        .write(
            dataDir.resolve("root.json"),
            signedRoot(rootKey, onlineKey, now.plus(Duration.ofDays(3650))));
    return online;
  }

  /**
   * A version-1 root with consistent snapshots: {@code rootKey} for root, {@code onlineKey} for the
   * rest.
   */
  public static byte[] signedRoot(SigningKey rootKey, SigningKey onlineKey, Instant expires)
      throws TufException {
    Map<String, Key> keys = new LinkedHashMap<>();
    keys.put(rootKey.keyId(), rootKey.publicKey());
    keys.put(onlineKey.keyId(), onlineKey.publicKey());
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    for (RoleType role : RoleType.values()) {
      String keyId = role == RoleType.ROOT ? rootKey.keyId() : onlineKey.keyId();
      roles.put(role.jsonName(), new RoleKeys(List.of(keyId), 1));
    }
    Root root = new Root(Signed.SPEC_VERSION, true, 1, expires, keys, roles, Map.of());
    return Signatures.signedFile(root, List.of(rootKey));
  }
}
