package dev.keel.tuftool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.cli.UsageException;
import dev.keel.tuf.crypto.Signatures;
import dev.keel.tuf.crypto.Signer;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.error.TufException;
import dev.keel.tuf.json.JsonInput;
import dev.keel.tuf.json.PrettyJson;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.Envelope;
import dev.keel.tuf.model.Key;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.RoleKeys;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.Signature;
import dev.keel.tuf.model.Signed;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.trust.ThresholdCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuftool root ...}: edits a root.json offline. Any change to the payload drops existing
 * signatures (they no longer verify); {@code root sign} adds them back.
 */
@Command(
    name = "root",
    description =
        "Create, edit and sign a root.json offline. A change drops the signatures; "
            + "'root sign' adds them back.")
final class RootCommand {
  /**
   * tuftool's deliberately absurd initial threshold: a root nobody has configured cannot verify.
   */
  static final int INITIAL_THRESHOLD = 1507;

  @ParentCommand Tuftool tuftool;

  @Command(
      name = "init",
      description =
          "Create a root.json that expires now, with every role at threshold "
              + INITIAL_THRESHOLD
              + " and no keys.")
  void init(
      @Parameters(paramLabel = "PATH", description = "the new root.json") Path path,
      @Option(
              names = {"-v", "--version"},
              paramLabel = "N",
              defaultValue = "1",
              description = "its version " + "(default: ${DEFAULT-VALUE})")
          long version)
      throws TufException, UsageException {
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    for (RoleType t : RoleType.values()) {
      roles.put(t.jsonName(), new RoleKeys(List.of(), INITIAL_THRESHOLD));
    }
    Root root =
        new Root(
            Signed.SPEC_VERSION,
            true,
            atLeastOne(version, "version"),
            tuftool.clock.instant().truncatedTo(ChronoUnit.SECONDS),
            Map.of(),
            roles,
            Map.of());
    write(path, root);
  }

  @Command(
      name = "add-key",
      description = "Add the public half of each key to the roles, printing its key id.")
  void addKey(
      @Parameters(paramLabel = "PATH", description = "the root.json") Path path,
      @Option(
              names = {"-k", "--key"},
              required = true,
              paramLabel = "KEY",
              description = "a key (repeatable)")
          List<String> keySpecs,
      @Mixin Roles roles)
      throws TufException {
    Root root = read(path).signed();
    List<Key> keys = new ArrayList<>();
    for (String spec : keySpecs) {
      keys.add(KeyArguments.source(spec).signer().publicKey());
    }
    for (Key key : keys) {
      root = addKey(root, key, roles.roles);
      tuftool.out.println("added key " + key.keyId());
    }
    write(path, root);
  }

  static Root addKey(Root root, Key key, List<RoleType> roles) {
    Map<String, Key> keys = new LinkedHashMap<>(root.keys());
    keys.put(key.keyId(), key);
    Map<String, RoleKeys> roleMap = new LinkedHashMap<>(root.roles());
    for (RoleType role : roles) {
      RoleKeys rk = root.roleKeys(role);
      List<String> ids = new ArrayList<>(rk.keyIds());
      if (!ids.contains(key.keyId())) {
        ids.add(key.keyId());
      }
      roleMap.put(role.jsonName(), new RoleKeys(ids, rk.threshold(), rk.unrecognized()));
    }
    return root.withKeysAndRoles(keys, roleMap);
  }

  @Command(
      name = "remove-key",
      description = "Remove a key id from ROLE, or from every role and the key list.")
  void removeKey(
      @Parameters(index = "0", paramLabel = "PATH", description = "the root.json") Path path,
      @Parameters(index = "1", paramLabel = "KEYID", description = "the key id") String keyId,
      @Parameters(
              index = "2",
              arity = "0..1",
              paramLabel = "ROLE",
              converter = RoleArgument.class,
              completionCandidates = RoleArgument.class,
              description = "only from this role: ${COMPLETION-CANDIDATES}")
          RoleType only)
      throws TufException {
    Root root = read(path).signed();
    if (!root.keys().containsKey(keyId)) {
      throw new MalformedMetadataException(
          path.toString(), "signed.keys", "no key with id " + keyId);
    }
    Map<String, RoleKeys> roleMap = new LinkedHashMap<>();
    boolean stillUsed = false;
    for (Map.Entry<String, RoleKeys> e : root.roles().entrySet()) {
      RoleKeys rk = e.getValue();
      if (only == null || only.jsonName().equals(e.getKey())) {
        List<String> ids = new ArrayList<>(rk.keyIds());
        ids.remove(keyId);
        rk = new RoleKeys(ids, rk.threshold(), rk.unrecognized());
      }
      stillUsed |= rk.keyIds().contains(keyId);
      roleMap.put(e.getKey(), rk);
    }
    Map<String, Key> keys = new LinkedHashMap<>(root.keys());
    if (!stillUsed) {
      keys.remove(keyId);
    }
    write(path, root.withKeysAndRoles(keys, roleMap));
  }

  @Command(name = "set-threshold", description = "Set how many of a role's keys must sign.")
  void setThreshold(
      @Parameters(index = "0", paramLabel = "PATH", description = "the root.json") Path path,
      @Parameters(
              index = "1",
              paramLabel = "ROLE",
              converter = RoleArgument.class,
              completionCandidates = RoleArgument.class,
              description = "the role: ${COMPLETION-CANDIDATES}")
          RoleType role,
      @Parameters(index = "2", paramLabel = "N", description = "the threshold, at least 1") long n)
      throws TufException, UsageException {
    if (n > Integer.MAX_VALUE) {
      throw new UsageException("threshold must be at most " + Integer.MAX_VALUE);
    }
    int threshold = (int) atLeastOne(n, "threshold");
    Root root = read(path).signed();
    Map<String, RoleKeys> roleMap = new LinkedHashMap<>(root.roles());
    RoleKeys rk = root.roleKeys(role);
    roleMap.put(role.jsonName(), new RoleKeys(rk.keyIds(), threshold, rk.unrecognized()));
    write(path, root.withKeysAndRoles(root.keys(), roleMap));
  }

  @Command(name = "set-version", description = "Set the root's version.")
  void setVersion(
      @Parameters(index = "0", paramLabel = "PATH", description = "the root.json") Path path,
      @Parameters(index = "1", paramLabel = "N", description = "the version, at least 1")
          long version)
      throws TufException, UsageException {
    long v = atLeastOne(version, "version");
    write(path, read(path).signed().withVersion(v));
  }

  @Command(name = "bump-version", description = "Add one to the root's version.")
  void bumpVersion(@Parameters(paramLabel = "PATH", description = "the root.json") Path path)
      throws TufException {
    Root root = read(path).signed();
    write(path, root.withVersion(root.version() + 1));
  }

  @Command(name = "expire", description = "Set when the root expires.")
  void expire(
      @Parameters(index = "0", paramLabel = "PATH", description = "the root.json") Path path,
      @Parameters(
              index = "1",
              paramLabel = "TIME",
              description = "RFC 3339, 'now', or e.g. 'in 52 weeks'")
          Instant time)
      throws TufException {
    write(path, read(path).signed().withExpires(time));
  }

  @Command(
      name = "sign",
      description = {
        "Sign PATH with root keys, keeping the signatures it has.",
        "With -c OLD_ROOT, sign with keys of that older root instead (cross-signing a new root version for rotation)."
      })
  void sign(
      @Parameters(paramLabel = "PATH", description = "the root.json") Path path,
      @Option(
              names = {"-k", "--key"},
              required = true,
              paramLabel = "KEY",
              description = "a key to sign with (repeatable)")
          List<String> keySpecs,
      @Option(
              names = {"-c", "--cross-sign"},
              paramLabel = "OLD_ROOT",
              description = "the older root whose keys sign")
          Path crossSign,
      @Option(
              names = {"-i", "--ignore-threshold"},
              description = "write even when the signatures are below a threshold")
          boolean ignoreThreshold)
      throws TufException {
    RootFile file = RootFile.read(path);
    Root root = file.envelope().signed();
    Optional<Root> old =
        crossSign == null ? Optional.empty() : Optional.of(read(crossSign).signed());
    Root signing = old.orElse(root);
    // The signed object as read: signatures cover its canonical form, and it is written back
    // unchanged (ADR 0001).
    byte[] canonical = file.envelope().canonicalSigned().toByteArray();
    Map<String, Signature> signatures = new LinkedHashMap<>();
    file.envelope().signatures().forEach(s -> signatures.put(s.keyId(), s));
    for (String spec : keySpecs) {
      Signer signer = KeyArguments.source(spec).signer();
      String keyId = signer.keyId();
      if (!signing.roleKeys(RoleType.ROOT).keyIds().contains(keyId)) {
        throw new MalformedMetadataException(
            crossSign == null ? path.toString() : crossSign.toString(),
            "signed.roles.root.keyids",
            "key "
                + keyId
                + " from "
                + spec
                + " is not a root key"
                + (old.isPresent()
                    ? " of the old root (version "
                        + old.get().version()
                        + ") given with --cross-sign"
                    : ""));
      }
      signatures.put(keyId, Signatures.sign(signer, keyId, canonical));
    }
    List<Signature> all = List.copyOf(signatures.values());
    if (!ignoreThreshold) {
      ThresholdCheck check = new ThresholdCheck();
      check.require("root", root.roleKeys(RoleType.ROOT), root.keys(), Bytes.wrap(canonical), all);
      if (old.isPresent()) {
        check.require(
            "root (cross-signed by version " + old.get().version() + ")",
            old.get().roleKeys(RoleType.ROOT),
            old.get().keys(),
            Bytes.wrap(canonical),
            all);
      }
    }
    new AtomicFiles().write(path, file.withSignatures(all));
    tuftool.out.println("signed " + path + " with " + all.size() + " signature(s)");
  }

  @Command(
      name = "gen-rsa-key",
      description =
          "Generate an RSA key into KEYOUT and add it to the roles, " + "printing its key id.")
  void genRsaKey(
      @Parameters(index = "0", paramLabel = "PATH", description = "the root.json") Path path,
      @Parameters(
              index = "1",
              paramLabel = "KEYOUT",
              description = "the new private key file (PEM)")
          Path keyOut,
      @Option(
              names = {"-b", "--bits"},
              paramLabel = "BITS",
              defaultValue = "2048",
              description = "key size (default: ${DEFAULT-VALUE})")
          int bits,
      @Option(
              names = {"-e", "--exp"},
              paramLabel = "EXPONENT",
              defaultValue = "65537",
              description = "public exponent; only ${DEFAULT-VALUE}")
          long exponent,
      @Mixin Roles roles)
      throws TufException, UsageException {
    if (exponent != 65537) {
      throw new UsageException("only the public exponent 65537 is supported");
    }
    generate(path, keyOut, "rsa", bits, roles.roles);
  }

  @Command(
      name = "gen-key",
      description = "Generate a key into KEYOUT and add it to the roles, printing its key id.")
  void genKey(
      @Parameters(index = "0", paramLabel = "PATH", description = "the root.json") Path path,
      @Parameters(
              index = "1",
              paramLabel = "KEYOUT",
              description = "the new private key file (PEM)")
          Path keyOut,
      @Option(
              names = "--type",
              paramLabel = "TYPE",
              defaultValue = "ed25519",
              completionCandidates = KeyArguments.Types.class,
              description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
          String type,
      @Option(
              names = {"-b", "--bits"},
              paramLabel = "BITS",
              defaultValue = "2048",
              description = "RSA key size (default: ${DEFAULT-VALUE})")
          int bits,
      @Mixin Roles roles)
      throws TufException, UsageException {
    generate(path, keyOut, type, bits, roles.roles);
  }

  private void generate(Path path, Path keyOut, String type, int bits, List<RoleType> roles)
      throws TufException, UsageException {
    Root root = read(path).signed();
    if (Files.exists(keyOut)) {
      throw new StorageException(keyOut, "refusing to overwrite an existing key file", null);
    }
    SigningKey generated = KeyArguments.generate(type, bits);
    try {
      Files.createDirectories(keyOut.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new StorageException(keyOut, "could not create directory", e);
    }
    KeyArguments.writePrivateKey(keyOut, generated);
    Key key = generated.publicKey();
    write(path, addKey(root, key, roles));
    tuftool.out.println(key.keyId());
  }

  private static long atLeastOne(long n, String what) throws UsageException {
    if (n < 1) {
      throw new UsageException(what + " must be at least 1");
    }
    return n;
  }

  static Envelope<Root> read(Path path) throws TufException {
    return RootFile.read(path).envelope();
  }

  /** Writes an edited root without signatures: they covered the payload before the change. */
  private static void write(Path path, Root root) throws StorageException {
    new AtomicFiles().write(path, MetadataCodec.serialize(root, List.of()));
  }

  /**
   * A root file as read: the checked envelope, and the JSON tree it came from, so that signing
   * writes back the received {@code signed} object (whose canonical form the signatures cover) and
   * any other top-level fields, never a re-serialisation of the record.
   */
  record RootFile(Envelope<Root> envelope, ObjectNode tree) {
    static RootFile read(Path path) throws TufException {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(path);
      } catch (IOException e) {
        throw new StorageException(path, "could not read root", e);
      }
      return new RootFile(
          MetadataCodec.root(bytes, path.toString()),
          JsonInput.parseObject(bytes, path.toString()));
    }

    /** The file with {@code signatures} in place of the ones it had, everything else as read. */
    byte[] withSignatures(List<Signature> signatures) {
      ObjectNode file = tree.deepCopy();
      ArrayNode list = file.putArray("signatures");
      signatures.forEach(s -> list.add(s.toJson()));
      return PrettyJson.bytes(file);
    }
  }

  /** {@code -r/--role}, repeatable and required: the roles a key is added to. */
  static final class Roles {
    @Option(
        names = {"-r", "--role"},
        required = true,
        paramLabel = "ROLE",
        converter = RoleArgument.class,
        completionCandidates = RoleArgument.class,
        description = "a role: ${COMPLETION-CANDIDATES} (repeatable)")
    List<RoleType> roles;
  }
}
