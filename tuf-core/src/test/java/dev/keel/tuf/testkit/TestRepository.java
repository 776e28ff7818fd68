package dev.keel.tuf.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.crypto.Signatures;
import dev.keel.tuf.crypto.Signer;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.json.CanonicalJson;
import dev.keel.tuf.json.JsonInput;
import dev.keel.tuf.json.PrettyJson;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.Key;
import dev.keel.tuf.model.RoleKeys;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.Signed;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.repo.RepositoryWriter;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.transport.FileTransport;
import dev.keel.tuf.trust.ExpirationPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A real signed repository on disk, built with our own editor, for tests: {@code dir/metadata} and
 * {@code dir/targets} in the consistent-snapshot layout. Publish new versions, rotate keys, or
 * change a file and re-sign it to stage an attack.
 */
public final class TestRepository {
  private final Path dir;
  private final Instant now;
  private final Map<RoleType, List<SigningKey>> keys = new EnumMap<>(RoleType.class);
  private final byte[] initialRoot;
  private Root root;
  private int editCount;

  private TestRepository(Path dir, Instant now, byte[] initialRoot, Root root) {
    this.dir = dir;
    this.now = now;
    this.initialRoot = initialRoot;
    this.root = root;
  }

  /**
   * A repository at {@code dir} with one Ed25519 key per role, threshold 1; root valid for a year,
   * the other roles for 30 days.
   */
  public static TestRepository create(Path dir, Instant now) throws TufException {
    Map<RoleType, List<SigningKey>> keys = new EnumMap<>(RoleType.class);
    for (RoleType role : RoleType.values()) {
      keys.put(role, List.of(TestKeys.ed25519(role.jsonName() + "-1")));
    }
    Root root = rootFor(keys, 1, now.plus(Duration.ofDays(365)));
    byte[] rootFile = sign(root, keys.get(RoleType.ROOT));
    TestRepository repo = new TestRepository(dir, now, rootFile, root);
    repo.keys.putAll(keys);
    repo.publish(RepositoryEditor.create(rootFile), List.of());
    return repo;
  }

  static Root rootFor(Map<RoleType, List<SigningKey>> keys, long version, Instant expires) {
    Map<String, Key> allKeys = new LinkedHashMap<>();
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    for (RoleType role : RoleType.values()) {
      List<String> ids = new ArrayList<>();
      for (SigningKey k : keys.get(role)) {
        allKeys.put(k.keyId(), k.publicKey());
        ids.add(k.keyId());
      }
      roles.put(role.jsonName(), new RoleKeys(ids, 1));
    }
    return new Root(Signed.SPEC_VERSION, true, version, expires, allKeys, roles, Map.of());
  }

  static byte[] sign(Signed payload, List<? extends Signer> signers) throws TufException {
    return Signatures.signedFile(payload, signers);
  }

  public Path metadataDir() {
    return dir.resolve("metadata");
  }

  public Path targetsDir() {
    return dir.resolve("targets");
  }

  public URI metadataUri() {
    return metadataDir().toUri();
  }

  public URI targetsUri() {
    return targetsDir().toUri();
  }

  /** The version-1 root, as a client ships it. */
  public byte[] trustedRoot() {
    return initialRoot.clone();
  }

  public Root root() {
    return root;
  }

  public List<SigningKey> keys(RoleType role) {
    return keys.get(role);
  }

  /** Publishes targets/snapshot/timestamp versions with {@code change} applied. */
  public TestRepository publish(UnaryOperator<RepositoryEditor> change) throws TufException {
    return publish(change.apply(edit()), List.of());
  }

  /** Same, also signing with {@code extraSigners} (keys of delegated roles). */
  public TestRepository publish(
      UnaryOperator<RepositoryEditor> change, List<? extends Signer> extraSigners)
      throws TufException {
    return publish(change.apply(edit()), extraSigners);
  }

  /** Adds a target with {@code content} and publishes. */
  public TestRepository addTarget(String name, byte[] content) throws TufException {
    Path staged = TargetPath.of(name).under(dir.resolve("staging"));
    try {
      Files.createDirectories(staged.getParent());
      Files.write(staged, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RepositoryEditor editor = edit();
    editor.addTargetFile(
        RepositoryEditor.TOP_LEVEL_TARGETS,
        TargetPath.of(name),
        staged,
        Set.of(HashAlgorithm.SHA256),
        Optional.empty());
    return publish(editor, List.of());
  }

  /**
   * A client of this repository starting from the version-1 root, with its metadata directory at
   * {@code cache}, reading the files directly, at the fixed time {@code at}.
   */
  public Updater client(Path cache, Instant at) {
    return new Updater(
        UpdaterConfig.of(metadataUri(), cache).withBootstrapRoot(Bytes.copyOf(initialRoot)),
        new FileTransport(),
        Clock.fixed(at, ZoneOffset.UTC),
        new AtomicFiles());
  }

  /**
   * An editor over the repository as a client sees it now (loaded and verified, expiry ignored).
   */
  public RepositoryEditor edit() throws TufException {
    Path cache = dir.resolve("edit-cache-" + (editCount++));
    Updater loader =
        new Updater(
            UpdaterConfig.of(metadataUri(), cache)
                .withExpiration(ExpirationPolicy.IGNORE)
                .withBootstrapRoot(Bytes.copyOf(initialRoot)),
            new FileTransport(),
            Clock.fixed(now, ZoneOffset.UTC),
            new AtomicFiles());
    return RepositoryEditor.load(loader.loadRepository(), Optional.empty());
  }

  private TestRepository publish(RepositoryEditor editor, List<? extends Signer> extraSigners)
      throws TufException {
    Instant expires = now.plus(Duration.ofDays(30));
    editor
        .expires(RepositoryEditor.TOP_LEVEL_TARGETS, expires)
        .snapshotExpires(expires)
        .timestampExpires(expires);
    List<Signer> signers = new ArrayList<>();
    keys.values().forEach(signers::addAll);
    signers.addAll(extraSigners);
    new RepositoryWriter(new AtomicFiles())
        .write(
            editor.sign(signers),
            metadataDir(),
            targetsDir(),
            RepositoryWriter.TargetPlacement.COPY,
            RepositoryWriter.ExistingTarget.SKIP);
    return this;
  }

  /**
   * Publishes root version N+1 with {@code role}'s key replaced by {@code newKey}, signed by the
   * old and the new root keys (cross-signed, as the specification requires).
   */
  public TestRepository rotateKey(RoleType role, SigningKey newKey) throws TufException {
    List<SigningKey> oldRootKeys = keys.get(RoleType.ROOT);
    keys.put(role, List.of(newKey));
    root = rootFor(keys, root.version() + 1, root.expires());
    List<SigningKey> signers = new ArrayList<>(oldRootKeys);
    if (role == RoleType.ROOT) {
      signers.add(newKey);
    }
    new AtomicFiles()
        .write(metadataDir().resolve(root.version() + ".root.json"), sign(root, signers));
    return this;
  }

  /**
   * Rewrites a metadata file: {@code mutate} changes the {@code signed} object, which is then
   * re-signed with {@code signers} (all current keys of {@code role} when {@code signers} is null).
   */
  public void rewrite(
      String fileName,
      RoleType role,
      UnaryOperator<ObjectNode> mutate,
      List<? extends Signer> signers)
      throws TufException {
    Path file = metadataDir().resolve(fileName);
    try {
      ObjectNode top = (ObjectNode) JsonInput.parse(Files.readAllBytes(file), fileName);
      ObjectNode signed = mutate.apply((ObjectNode) top.get("signed"));
      byte[] canonical = CanonicalJson.encode(signed);
      var sigs = top.putArray("signatures");
      for (Signer s : signers == null ? keys.get(role) : signers) {
        sigs.add(Signatures.sign(s, s.keyId(), canonical).toJson());
      }
      top.set("signed", signed);
      new AtomicFiles().write(file, PrettyJson.bytes(top));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The file name of the newest snapshot or targets version on disk, e.g. {@code 3.snapshot.json}.
   */
  public String latest(String role) {
    try (var files = Files.list(metadataDir())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith("." + role + ".json"))
          .max(
              (a, b) ->
                  Long.compare(
                      Long.parseLong(a.split("\\.")[0]), Long.parseLong(b.split("\\.")[0])))
          .orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 of a file in the metadata directory, for tests that fix up a parent's hash. */
  public String sha256(String fileName) {
    try {
      return HashAlgorithm.SHA256.hex(Files.readAllBytes(metadataDir().resolve(fileName)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * After a staged change to the newest targets or snapshot file: rewrites every entry of the
   * newest snapshot and timestamp's {@code snapshot.json} entry (version, length, sha256) to
   * describe the files on disk, re-signed with the current keys, so that only the staged change is
   * left for the client to find.
   */
  public void rehashChain() throws TufException {
    String snapshotFile = latest("snapshot");
    rewrite(
        snapshotFile,
        RoleType.SNAPSHOT,
        s -> {
          List<String> names = new ArrayList<>();
          s.get("meta").fieldNames().forEachRemaining(names::add);
          for (String name : names) {
            describe(s, name, latest(name.substring(0, name.length() - ".json".length())));
          }
          return s;
        },
        null);
    rehashTimestamp();
  }

  /**
   * Rewrites timestamp's {@code snapshot.json} entry to describe the newest snapshot file,
   * re-signed.
   */
  public void rehashTimestamp() throws TufException {
    String snapshotFile = latest("snapshot");
    rewrite(
        "timestamp.json",
        RoleType.TIMESTAMP,
        s -> describe(s, "snapshot.json", snapshotFile),
        null);
  }

  /** The parsed {@code signed} version of a metadata file. */
  public long versionOf(String fileName) {
    try {
      return JsonInput.parse(Files.readAllBytes(metadataDir().resolve(fileName)), fileName)
          .get("signed")
          .get("version")
          .asLong();
    } catch (IOException | TufException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode describe(ObjectNode signed, String metaKey, String fileName) {
    ObjectNode meta = (ObjectNode) signed.get("meta").get(metaKey);
    meta.put("version", versionOf(fileName));
    try {
      if (meta.has("length")) {
        meta.put("length", Files.size(metadataDir().resolve(fileName)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (meta.has("hashes")) {
      ((ObjectNode) meta.get("hashes")).put("sha256", sha256(fileName));
    }
    return signed;
  }

  /** A copy of a metadata file's current bytes, to serve again later (rollback attacks). */
  public byte[] bytes(String fileName) {
    try {
      return Files.readAllBytes(metadataDir().resolve(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces a metadata file with {@code bytes} as they are (no re-signing). */
  public void put(String fileName, byte[] bytes) {
    try {
      Files.write(metadataDir().resolve(fileName), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
