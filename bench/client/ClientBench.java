import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.client.UpdaterConfig;
import dev.keel.tuf.crypto.KeyPairs;
import dev.keel.tuf.crypto.KeyScheme;
import dev.keel.tuf.crypto.Signatures;
import dev.keel.tuf.crypto.Signer;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.HashAlgorithm;
import dev.keel.tuf.model.RoleKeys;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.Signed;
import dev.keel.tuf.model.SuccinctRoles;
import dev.keel.tuf.model.TargetFile;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.repo.RepositoryEditor;
import dev.keel.tuf.repo.RepositoryWriter;
import dev.keel.tuf.storage.AtomicFiles;
import dev.keel.tuf.transport.HttpSettings;
import dev.keel.tuf.transport.HttpTransport;
import dev.keel.tuf.transport.ProxySettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Client benchmark (not a test). Two modes:
 *
 * <pre>
 * ClientBench generate DIR TARGETS BIT_LENGTH   # DIR/metadata, DIR/targets, DIR/root.json
 * ClientBench client METADATA_URL TARGETS_URL ROOT MD TARGET OUT
 * </pre>
 *
 * {@code client} runs one refresh and one target download with a fresh metadata directory in this
 * JVM, then reads and SHA-256s the metadata files the client stored (the same bytes), and prints
 * wall times, their ratio, and the peak heap.
 */
public final class ClientBench {
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "client" -> {
        // Pass 0 is the cold JVM (what a one-shot client pays); passes 1-4 are warm, each with a
        // fresh metadata directory and output file.
        for (int pass = 0; pass < 5; pass++) {
          System.out.println("-- pass " + pass + (pass == 0 ? " (cold JVM)" : " (warm)"));
          client(URI.create(args[1]), URI.create(args[2]), Path.of(args[3]), Path.of(args[4] + "-" + pass), args[5],
              Path.of(args[6] + "-" + pass));
        }
      }
      default -> throw new IllegalArgumentException("generate or client");
    }
  }

  static void generate(Path dir, int count, int bitLength) throws Exception {
    long start = System.nanoTime();
    SigningKey key = KeyPairs.generate(KeyScheme.ED25519, new SecureRandom());
    Instant now = Instant.now();
    Map<String, dev.keel.tuf.model.Key> keys = Map.of(key.keyId(), key.publicKey());
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    for (RoleType role : RoleType.values()) {
      roles.put(role.jsonName(), new RoleKeys(List.of(key.keyId()), 1));
    }
    Root root = new Root(Signed.SPEC_VERSION, true, 1, now.plus(Duration.ofDays(365)), keys, roles, Map.of());
    byte[] rootFile = Signatures.signedFile(root, List.of(key));
    Files.createDirectories(dir);
    Files.write(dir.resolve("root.json"), rootFile);

    Instant expires = now.plus(Duration.ofDays(30));
    RepositoryEditor editor = RepositoryEditor.create(rootFile);
    String top = RepositoryEditor.TOP_LEVEL_TARGETS;
    editor.delegateHashBins(top, new SuccinctRoles(List.of(key.keyId()), 1, bitLength, "bin"), keys, expires);
    Random random = new Random(42);
    byte[] hash = new byte[32];
    for (int i = 0; i < count; i++) {
      TargetPath name = TargetPath.of(String.format("packages/package-%06d.rpm", i));
      random.nextBytes(hash);
      TargetFile file = new TargetFile(1000 + random.nextInt(1_000_000), Map.of("sha256", HexFormat.of().formatHex(hash)));
      editor.addTarget(editor.binFor(top, name), name, file);
    }
    // The one target that exists, for the download.
    Path staged = dir.resolve("staging/wanted.bin");
    Files.createDirectories(staged.getParent());
    byte[] content = new byte[1 << 20];
    random.nextBytes(content);
    Files.write(staged, content);
    TargetPath wanted = TargetPath.of("packages/wanted.bin");
    editor.addTargetFile(editor.binFor(top, wanted), wanted, staged, Set.of(HashAlgorithm.SHA256), Optional.empty());
    editor.expires(top, expires).snapshotExpires(expires).timestampExpires(expires);
    for (String name : editor.roleNames()) {
      editor.expires(name, expires);
    }
    List<Signer> signers = List.of(key);
    new RepositoryWriter(new AtomicFiles()).write(editor.sign(signers), dir.resolve("metadata"), dir.resolve("targets"),
        RepositoryWriter.TargetPlacement.COPY, RepositoryWriter.ExistingTarget.REPLACE);
    long bytes;
    try (Stream<Path> files = Files.list(dir.resolve("metadata"))) {
      bytes = files.mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf("generated %d targets in %d bins (%d roles), %.1f MB of metadata, in %.1f s%n", count,
        1 << bitLength, editor.roleNames().size(), bytes / 1e6, (System.nanoTime() - start) / 1e9);
  }

  static void client(URI metadataUrl, URI targetsUrl, Path rootFile, Path md, String target, Path out)
      throws Exception {
    long t0 = System.nanoTime();
    UpdaterConfig config = UpdaterConfig.of(metadataUrl, md).withBootstrapRoot(Bytes.copyOf(Files.readAllBytes(rootFile)));
    Updater updater = new Updater(config, new HttpTransport(HttpSettings.defaults(), ProxySettings.none()),
        Clock.systemUTC(), new AtomicFiles());
    updater.refresh();
    long t1 = System.nanoTime();
    TargetInfo info = updater.findTarget(TargetPath.of(target)).orElseThrow();
    updater.downloadTarget(info, targetsUrl, out, new AtomicFiles());
    long t2 = System.nanoTime();

    // Baseline: read and SHA-256 the metadata bytes the client stored (the same bytes it fetched).
    long b0 = System.nanoTime();
    long metadataBytes = 0;
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(md)) {
      list.filter(p -> p.toString().endsWith(".json")).forEach(files::add);
    }
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Path f : files) {
      byte[] b = Files.readAllBytes(f);
      metadataBytes += b.length;
      sha.update(b);
    }
    sha.digest();
    long b1 = System.nanoTime();

    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    double client = (t2 - t0) / 1e6;
    double baseline = (b1 - b0) / 1e6;
    System.out.printf("refresh %.1f ms, find + download %.1f ms, total %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
        client);
    System.out.printf("metadata stored: %d files, %.1f KB; read + SHA-256 of them: %.2f ms; ratio %.0fx%n",
        files.size(), metadataBytes / 1e3, baseline, client / baseline);
    System.out.printf("peak heap (sum of pool peaks): %.1f MB; target %s: %d bytes, sha256 %s%n", peakHeap / 1e6,
        target, Files.size(out), HashAlgorithm.SHA256.hex(Files.readAllBytes(out)).substring(0, 16));
  }
}
