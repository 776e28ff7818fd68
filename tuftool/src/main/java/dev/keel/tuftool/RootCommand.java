package dev.keel.tuftool;

import dev.keel.cli.TimeArgument;
import dev.keel.cli.CommandLine;
import dev.keel.cli.UsageException;
import dev.keel.tuf.crypto.Signatures;
import dev.keel.tuf.crypto.Signer;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.error.MalformedMetadataException;
import dev.keel.tuf.error.StorageException;
import dev.keel.tuf.error.TufException;
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
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tuftool root ...}: edits a root.json offline. Any change to the payload drops existing
 * signatures (they no longer verify); {@code root sign} adds them back.
 */
final class RootCommand {
  /** tuftool's deliberately absurd initial threshold: a root nobody has configured cannot verify. */
  static final int INITIAL_THRESHOLD = 1507;

  private final Clock clock;
  private final PrintStream out;

  RootCommand(Clock clock, PrintStream out) {
    this.clock = clock;
    this.out = out;
  }

  void run(List<String> args) throws UsageException, TufException {
    if (args.isEmpty()) {
      throw new UsageException("root needs a subcommand: init, add-key, remove-key, set-threshold, set-version, "
          + "bump-version, expire, sign, gen-rsa-key, gen-key");
    }
    List<String> rest = args.subList(1, args.size());
    switch (args.get(0)) {
      case "init" -> init(rest);
      case "add-key" -> addKey(rest);
      case "remove-key" -> removeKey(rest);
      case "set-threshold" -> setThreshold(rest);
      case "set-version" -> setVersion(rest);
      case "bump-version" -> bumpVersion(rest);
      case "expire" -> expire(rest);
      case "sign" -> sign(rest);
      case "gen-rsa-key" -> genKey(rest, true);
      case "gen-key" -> genKey(rest, false);
      default -> throw new UsageException("unknown root subcommand '" + args.get(0) + "'");
    }
  }

  private void init(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, Set.of("-v/--version"), Set.of());
    cl.expectPositionals(1, 1, "tuftool root init PATH [--version N]");
    long version = CommandLine.parseLong(cl.value("-v/--version").orElse("1"), "--version");
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    for (RoleType t : RoleType.values()) {
      roles.put(t.jsonName(), new RoleKeys(List.of(), INITIAL_THRESHOLD));
    }
    Root root = new Root(Signed.SPEC_VERSION, true, version, clock.instant().truncatedTo(ChronoUnit.SECONDS),
        Map.of(), roles, Map.of());
    write(Path.of(cl.positional(0, "PATH")), root, List.of());
  }

  private void addKey(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, Set.of("-k/--key", "-r/--role"), Set.of());
    cl.expectPositionals(1, 1, "tuftool root add-key PATH -k KEY... -r ROLE...");
    Path path = Path.of(cl.positional(0, "PATH"));
    Root root = read(path).signed();
    List<Key> keys = new ArrayList<>();
    for (String spec : requireSome(cl.all("-k/--key"), "-k/--key")) {
      keys.add(KeyArguments.source(spec).signer().publicKey());
    }
    for (Key key : keys) {
      root = addKey(root, key, roles(cl));
      out.println("added key " + key.keyId());
    }
    write(path, root, List.of());
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

  private void removeKey(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, Set.of(), Set.of());
    cl.expectPositionals(2, 3, "tuftool root remove-key PATH KEYID [ROLE]");
    Path path = Path.of(cl.positional(0, "PATH"));
    Root root = read(path).signed();
    String keyId = cl.positional(1, "KEYID");
    if (!root.keys().containsKey(keyId)) {
      throw new MalformedMetadataException(path.toString(), "signed.keys", "no key with id " + keyId);
    }
    Optional<RoleType> only = cl.positionals().size() == 3 ? Optional.of(role(cl.positional(2, "ROLE"))) : Optional.empty();
    Map<String, RoleKeys> roleMap = new LinkedHashMap<>();
    boolean stillUsed = false;
    for (Map.Entry<String, RoleKeys> e : root.roles().entrySet()) {
      RoleKeys rk = e.getValue();
      if (only.isEmpty() || only.get().jsonName().equals(e.getKey())) {
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
    write(path, root.withKeysAndRoles(keys, roleMap), List.of());
  }

  private void setThreshold(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, Set.of(), Set.of());
    cl.expectPositionals(3, 3, "tuftool root set-threshold PATH ROLE N");
    Path path = Path.of(cl.positional(0, "PATH"));
    RoleType role = role(cl.positional(1, "ROLE"));
    long n = CommandLine.parseLong(cl.positional(2, "N"), "threshold");
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new UsageException("threshold must be at least 1");
    }
    Root root = read(path).signed();
    Map<String, RoleKeys> roleMap = new LinkedHashMap<>(root.roles());
    RoleKeys rk = root.roleKeys(role);
    roleMap.put(role.jsonName(), new RoleKeys(rk.keyIds(), (int) n, rk.unrecognized()));
    write(path, root.withKeysAndRoles(root.keys(), roleMap), List.of());
  }

  private void setVersion(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, Set.of(), Set.of());
    cl.expectPositionals(2, 2, "tuftool root set-version PATH N");
    Path path = Path.of(cl.positional(0, "PATH"));
    long v = CommandLine.parseLong(cl.positional(1, "N"), "version");
    if (v < 1) {
      throw new UsageException("version must be at least 1");
    }
    write(path, read(path).signed().withVersion(v), List.of());
  }

  private void bumpVersion(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, Set.of(), Set.of());
    cl.expectPositionals(1, 1, "tuftool root bump-version PATH");
    Path path = Path.of(cl.positional(0, "PATH"));
    Root root = read(path).signed();
    write(path, root.withVersion(root.version() + 1), List.of());
  }


  private void expire(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, Set.of(), Set.of());
    cl.expectPositionals(2, 2, "tuftool root expire PATH TIME");
    Path path = Path.of(cl.positional(0, "PATH"));
    Root r = read(path).signed();
    Instant t = TimeArgument.parse(cl.positional(1, "TIME"), clock);
    write(path, r.withExpires(t), List.of());
  }

  private void sign(List<String> args) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, Set.of("-k/--key", "-c/--cross-sign"), Set.of("-i/--ignore-threshold"));
    cl.expectPositionals(1, 1, "tuftool root sign PATH -k KEY... [-c OLD_ROOT] [-i]");
    Path path = Path.of(cl.positional(0, "PATH"));
    Envelope<Root> env = read(path);
    Root root = env.signed();
    Optional<Root> old = cl.value("-c/--cross-sign").isPresent()
        ? Optional.of(read(Path.of(cl.value("-c/--cross-sign").get())).signed()) : Optional.empty();
    // The bytes as read: signing never re-serialises a record (ADR 0001).
    byte[] canonical = env.canonicalSigned().toByteArray();
    Map<String, Signature> signatures = new LinkedHashMap<>();
    env.signatures().forEach(s -> signatures.put(s.keyId(), s));
    for (String spec : requireSome(cl.all("-k/--key"), "-k/--key")) {
      Signer signer = KeyArguments.source(spec).signer();
      String keyId = signer.keyId();
      boolean listed = root.roleKeys(RoleType.ROOT).keyIds().contains(keyId)
          || old.map(o -> o.roleKeys(RoleType.ROOT).keyIds().contains(keyId)).orElse(false);
      if (!listed) {
        throw new MalformedMetadataException(path.toString(), "signed.roles.root.keyids",
            "key " + keyId + " from " + spec + " is not a root key" + (old.isPresent() ? " of either root" : ""));
      }
      signatures.put(keyId, Signatures.sign(signer, keyId, canonical));
    }
    List<Signature> all = List.copyOf(signatures.values());
    if (!cl.flag("-i/--ignore-threshold")) {
      ThresholdCheck check = new ThresholdCheck();
      check.require("root", root.roleKeys(RoleType.ROOT), root.keys(), Bytes.wrap(canonical), all);
      if (old.isPresent()) {
        check.require("root (cross-signed by version " + old.get().version() + ")",
            old.get().roleKeys(RoleType.ROOT), old.get().keys(), Bytes.wrap(canonical), all);
      }
    }
    write(path, root, all);
    out.println("signed " + path + " with " + all.size() + " signature(s)");
  }

  private void genKey(List<String> args, boolean rsaOnly) throws UsageException, TufException {
    CommandLine cl = CommandLine.parse(args, Set.of("-b/--bits", "-e/--exp", "-r/--role", "--type"), Set.of());
    cl.expectPositionals(2, 2, rsaOnly ? "tuftool root gen-rsa-key PATH KEYOUT [-b BITS] -r ROLE..."
        : "tuftool root gen-key PATH KEYOUT [--type ed25519|ecdsa] -r ROLE...");
    Path path = Path.of(cl.positional(0, "PATH"));
    Path keyOut = Path.of(cl.positional(1, "KEYOUT"));
    Root root = read(path).signed();
    if (Files.exists(keyOut)) {
      throw new StorageException(keyOut, "refusing to overwrite an existing key file", null);
    }
    String type = rsaOnly ? "rsa" : cl.value("--type").orElse("ed25519");
    if (cl.value("-e/--exp").isPresent() && !cl.value("-e/--exp").get().equals("65537")) {
      throw new UsageException("only the public exponent 65537 is supported");
    }
    int bits = (int) CommandLine.parseLong(cl.value("-b/--bits").orElse("2048"), "--bits");
    SigningKey generated = KeyArguments.generate(type, bits);
    try {
      Files.createDirectories(keyOut.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new StorageException(keyOut, "could not create directory", e);
    }
    KeyArguments.writePrivateKey(keyOut, generated);
    Key key = generated.publicKey();
    write(path, addKey(root, key, roles(cl)), List.of());
    out.println(key.keyId());
  }

  private static List<RoleType> roles(CommandLine cl) throws UsageException {
    List<RoleType> roles = new ArrayList<>();
    for (String r : requireSome(cl.all("-r/--role"), "-r/--role")) {
      roles.add(role(r));
    }
    return roles;
  }

  private static RoleType role(String name) throws UsageException {
    return RoleType.fromJsonName(name).orElseThrow(() ->
        new UsageException("unknown role '" + name + "': use root, snapshot, targets or timestamp"));
  }

  private static List<String> requireSome(List<String> values, String option) throws UsageException {
    if (values.isEmpty()) {
      throw new UsageException("missing required option " + option);
    }
    return values;
  }

  static Envelope<Root> read(Path path) throws TufException {
    try {
      return MetadataCodec.root(Files.readAllBytes(path), path.toString());
    } catch (IOException e) {
      throw new StorageException(path, "could not read root", e);
    }
  }

  private static void write(Path path, Root root, List<Signature> signatures) throws StorageException {
    new AtomicFiles().write(path, MetadataCodec.serialize(root, signatures));
  }

}
