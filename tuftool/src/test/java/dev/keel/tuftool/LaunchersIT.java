package dev.keel.tuftool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keel.tuf.testkit.TestRepository;
import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers in {@code bin/}, run as a user runs them, in a copy of the checkout made in a
 * temporary folder: {@code bin/} itself, and for {@code bin/tuf-client} the jars it would find
 * after a build (this module's classes and its class path, as jars). Nothing here builds anything:
 * a launcher that tried would find no Maven wrapper (or a fake one that fails).
 */
class LaunchersIT {
  /** The repository's top folder: surefire runs in the module's folder. */
  private static final Path TOP = Path.of("").toAbsolutePath().getParent();

  /** tuftool's runtime libraries, by jar name. */
  private static final List<String> RUNTIME_LIBRARIES =
      List.of("jackson-", "bcprov-", "bcpkix-", "bcutil-", "picocli-");

  private record Run(int exit, String out, String err) {}

  private static Run run(Path workDir, Map<String, String> env, String... command)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().remove("JAVA_OPTS");
    pb.environment().remove("DEMO_PORT");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    pb.redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(new File("/dev/null"));
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          String.join(" ", command) + " did not finish: " + Files.readString(err));
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** {@code dir/name} with a copy of {@code bin/}, as a fresh checkout has it. */
  private static Path checkout(Path dir, String name) throws IOException {
    Path top = Files.createDirectories(dir.resolve(name));
    Path bin = Files.createDirectories(top.resolve("bin"));
    try (Stream<Path> launchers = Files.list(TOP.resolve("bin"))) {
      for (Path launcher : launchers.toList()) {
        Path copy = Files.copy(launcher, bin.resolve(launcher.getFileName()));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    return top;
  }

  private static void executable(Path file, String script) throws IOException {
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /**
   * What {@code mvnw package -pl tuftool} leaves for bin/tuf-client: the module jar and, in
   * target/lib, its runtime class path (the other modules' classes, as jars when the build has not
   * packaged them yet, and the library jars; not the test libraries, which only make the archive
   * slower to write).
   */
  private static void builtTuftool(Path top) throws IOException {
    Path target = Files.createDirectories(top.resolve("tuftool/target"));
    Path lib = Files.createDirectories(target.resolve("lib"));
    Path classes = TOP.resolve("tuftool/target/classes");
    jar(classes, target.resolve("tuftool-launcher-test.jar"));
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath();
      String name = p.getFileName().toString();
      if (Files.isDirectory(p)
          && p.endsWith("target/classes")
          && !p.startsWith(TOP.resolve("tuftool"))) {
        jar(p, lib.resolve("module-" + (n++) + ".jar"));
      } else if (name.endsWith(".jar")
          && (p.startsWith(TOP) || RUNTIME_LIBRARIES.stream().anyMatch(name::startsWith))) {
        Files.copy(p, lib.resolve(name));
      }
    }
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString()));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
  }

  @Test
  void tufClientRebuildsItsClassDataArchiveWhenTheCheckoutMoves(@TempDir Path dir)
      throws Exception {
    TestRepository repo = TestRepository.create(dir.resolve("repo"), Instant.now());
    Path first = checkout(dir, "first");
    builtTuftool(first);
    Path md = dir.resolve("md");
    String url = repo.metadataUri().toString();
    // The JDK this test runs on (17): the AppCDS path, even where a newer JDK is installed.
    Map<String, String> jdk = Map.of("KEEL_JAVA", System.getProperty("java.home"));
    Run init =
        run(
            dir,
            jdk,
            first.resolve("bin/tuf-client").toString(),
            "--metadata-dir",
            md.toString(),
            "init",
            repo.metadataDir().resolve("1.root.json").toString());
    assertEquals(0, init.exit(), init.err());
    // A run that fails trains nothing: no archive, no temporary file left beside it.
    Run failed =
        run(
            dir,
            jdk,
            first.resolve("bin/tuf-client").toString(),
            "--metadata-url",
            "http://127.0.0.1:1/",
            "--metadata-dir",
            md.toString(),
            "refresh");
    assertNotEquals(0, failed.exit(), "a refresh from a closed port fails");
    try (Stream<Path> files = Files.list(first.resolve("tuftool/target"))) {
      assertEquals(
          List.of(),
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("tuf-client.jsa"))
              .toList(),
          "a failed training run leaves no archive");
    }
    Run refresh =
        run(
            dir,
            jdk,
            first.resolve("bin/tuf-client").toString(),
            "--metadata-url",
            url,
            "--metadata-dir",
            md.toString(),
            "refresh");
    assertEquals(0, refresh.exit(), refresh.err());
    assertTrue(
        Files.isRegularFile(first.resolve("tuftool/target/tuf-client.jsa")),
        "the first refresh writes the archive");

    // The checkout moves: the archive names class path entries that no longer exist.
    Path moved = Files.move(first, dir.resolve("moved"));
    // -Xshare:on makes the JVM fail instead of silently running without an archive it rejects.
    Map<String, String> strict =
        Map.of("JAVA_OPTS", "-Xshare:on", "KEEL_JAVA", System.getProperty("java.home"));
    String client = moved.resolve("bin/tuf-client").toString();
    Run rebuilt =
        run(dir, strict, client, "--metadata-url", url, "--metadata-dir", md.toString(), "refresh");
    assertEquals(
        0, rebuilt.exit(), "the stale archive is not used: " + rebuilt.out() + rebuilt.err());
    assertTrue(
        Files.readString(moved.resolve("tuftool/target/tuf-client.jsa.classpath"))
            .contains(moved.toString()));
    Run reused =
        run(dir, strict, client, "--metadata-url", url, "--metadata-dir", md.toString(), "refresh");
    assertEquals(
        0,
        reused.exit(),
        "the rebuilt archive matches the class path: " + reused.out() + reused.err());
  }

  /**
   * A JDK 24 or newer for the AOT cache: KEEL_TEST_JDK24 if set, else one in /usr/lib/jvm, else
   * none.
   */
  private static Optional<Path> newerJdk() throws IOException {
    String configured = System.getenv("KEEL_TEST_JDK24");
    if (configured != null) {
      return Optional.of(Path.of(configured));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))) {
          java.util.regex.Matcher m =
              java.util.regex.Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)")
                  .matcher(Files.readString(release));
          if (m.find() && Integer.parseInt(m.group(1)) >= 24) {
            return Optional.of(home);
          }
        }
      }
    }
    return Optional.empty();
  }

  @Test
  void tufClientTrainsAndUsesAnAotCacheWithJdk24OrNewer(@TempDir Path dir) throws Exception {
    Optional<Path> jdk = newerJdk();
    assumeTrue(jdk.isPresent(), "no JDK 24+ installed");
    TestRepository repo = TestRepository.create(dir.resolve("repo"), Instant.now());
    Path top = checkout(dir, "checkout");
    builtTuftool(top);
    String client = top.resolve("bin/tuf-client").toString();
    Path md = dir.resolve("md");
    String url = repo.metadataUri().toString();
    Map<String, String> env = Map.of("KEEL_JAVA", jdk.get().toString());
    assertEquals(
        0,
        run(
                dir,
                env,
                client,
                "--metadata-dir",
                md.toString(),
                "init",
                repo.metadataDir().resolve("1.root.json").toString())
            .exit());
    Path cache = top.resolve("tuftool/target/tuf-client.aot");
    assertFalse(Files.exists(cache), "init alone is no training run");

    Run training =
        run(dir, env, client, "--metadata-url", url, "--metadata-dir", md.toString(), "refresh");
    assertEquals(0, training.exit(), training.err());
    assertEquals(
        "", training.out(), "the JVM's note that recording ended stays out of the client's output");
    assertTrue(Files.isRegularFile(cache), "the first refresh trains the cache");
    assertFalse(
        Files.exists(top.resolve("tuftool/target/tuf-client.jsa")), "no AppCDS archive beside it");
    try (Stream<Path> leftovers = Files.list(cache.getParent())) {
      assertEquals(
          List.of(),
          leftovers
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("tuf-client.aot."))
              .filter(n -> !n.equals("tuf-client.aot.classpath"))
              .toList());
    }
    // -XX:AOTMode=on makes the JVM fail instead of silently running without a cache it rejects.
    Map<String, String> strict =
        Map.of("KEEL_JAVA", jdk.get().toString(), "JAVA_OPTS", "-XX:AOTMode=on");
    Run cached =
        run(dir, strict, client, "--metadata-url", url, "--metadata-dir", md.toString(), "refresh");
    assertEquals(0, cached.exit(), "the cache matches: " + cached.out() + cached.err());

    // A failing training run keeps its exit code and its message, and leaves no cache.
    Files.delete(cache);
    Run failing =
        run(
            dir,
            env,
            client,
            "--metadata-url",
            "http://127.0.0.1:1/",
            "--metadata-dir",
            md.toString(),
            "refresh");
    assertEquals(1, failing.exit(), failing.err());
    assertTrue(failing.err().startsWith("tuf-client: "), failing.err());
    assertFalse(Files.exists(cache), "a failed run trains no cache: it loaded too little");
  }

  /** The jar's signature files: META-INF/*.SF, *.RSA, *.DSA, *.EC. */
  private static List<String> signatureFiles(Path jar) throws IOException {
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile(), false)) {
      return file.stream()
          .map(JarEntry::getName)
          .filter(n -> n.startsWith("META-INF/") && n.matches(".*\\.(SF|RSA|DSA|EC)"))
          .toList();
    }
  }

  @Test
  void keelLaunchRunsOnUnsignedCopiesOfTheRuntimeJars(@TempDir Path dir) throws Exception {
    assumeTrue(run(dir, Map.of(), "sh", "-c", "command -v zip").exit() == 0, "zip not installed");
    Path top = checkout(dir, "checkout");
    builtTuftool(top);
    Path signed;
    try (Stream<Path> jars = Files.list(top.resolve("tuftool/target/lib"))) {
      signed =
          jars.filter(p -> p.getFileName().toString().startsWith("bcprov-"))
              .findFirst()
              .orElseThrow();
    }
    assertFalse(signatureFiles(signed).isEmpty(), "Bouncy Castle ships signed jars");
    Run r =
        run(
            dir,
            Map.of(),
            top.resolve("bin/tuftool").toString(),
            "root",
            "init",
            dir.resolve("root.json").toString());
    assertEquals(0, r.exit(), r.err());
    Path copy = top.resolve("tuftool/target/launch-lib").resolve(signed.getFileName());
    assertTrue(Files.isRegularFile(copy), "the launcher runs on copies in target/launch-lib");
    assertEquals(List.of(), signatureFiles(copy));
    assertFalse(signatureFiles(signed).isEmpty(), "the build's own jars stay as they are");
    // The copy's manifest keeps its main section only: the per-entry digests of the signature are
    // gone (the JVM parses the manifest on every start), the jar's own attributes stay.
    assumeTrue(run(dir, Map.of(), "sh", "-c", "command -v unzip").exit() == 0, "no unzip");
    try (JarFile original = new JarFile(signed.toFile());
        JarFile trimmed = new JarFile(copy.toFile())) {
      assertFalse(original.getManifest().getEntries().isEmpty());
      assertEquals(
          0, trimmed.getManifest().getEntries().size(), "per-entry sections left in the copy");
      assertEquals(
          original.getManifest().getMainAttributes(), trimmed.getManifest().getMainAttributes());
      assertTrue(trimmed.isMultiRelease(), "bcprov is a multi-release jar");
    }
  }

  @Test
  void keelLaunchRecordsAStartUpArchiveOnlyWhenAskedAndUsesItOnlyForTheClassPathItWasMadeFor(
      @TempDir Path dir) throws Exception {
    Path top = checkout(dir, "checkout");
    builtTuftool(top);
    Path archive = top.resolve("tuftool/target/tuftool-test.jsa");
    Path classLog = dir.resolve("classes.log");
    Map<String, String> cds = Map.of("KEEL_LAUNCH_CDS", "tuftool-test");
    String tuftool = top.resolve("bin/tuftool").toString();

    Run plain = run(dir, cds, tuftool, "root", "init", dir.resolve("a.json").toString());
    assertEquals(0, plain.exit(), plain.err());
    assertFalse(Files.exists(archive), "a run never trains by itself");

    Map<String, String> train = new java.util.HashMap<>(cds);
    train.put("KEEL_CDS_TRAIN", "1");
    Run failed = run(dir, train, tuftool, "root", "no-such-command");
    assertEquals(2, failed.exit(), failed.err());
    assertFalse(Files.exists(archive), "a failed training run leaves no archive");
    Run trained = run(dir, train, tuftool, "root", "init", dir.resolve("b.json").toString());
    assertEquals(0, trained.exit(), trained.err());
    assertTrue(Files.size(archive) > 0, trained.err());
    try (Stream<Path> left = Files.list(archive.getParent())) {
      assertEquals(List.of(), left.filter(p -> p.toString().contains(".tmp.")).toList());
    }

    Map<String, String> logged = new java.util.HashMap<>(cds);
    logged.put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
    Run mapped = run(dir, logged, tuftool, "root", "init", dir.resolve("c.json").toString());
    assertEquals(0, mapped.exit(), mapped.err());
    assertTrue(
        Files.readString(classLog).contains("shared objects file (top)"),
        "classes come from the recorded archive");

    // A class path other than the recorded one (here: the record changed, so that only the
    // launcher's own check can tell; the JVM would accept the archive).
    Path recorded = archive.resolveSibling(archive.getFileName() + ".classpath");
    Files.writeString(recorded, "/elsewhere/tuftool.jar 1 1\n", StandardOpenOption.APPEND);
    Run rebuilt = run(dir, logged, tuftool, "root", "init", dir.resolve("d.json").toString());
    assertEquals(0, rebuilt.exit(), rebuilt.err());
    assertFalse(
        Files.readString(classLog).contains("shared objects file (top)"),
        "an archive recorded for another class path is not used");
  }

  @Test
  void keelLaunchWithoutArgumentsPrintsItsUsage(@TempDir Path dir) throws Exception {
    Path top = checkout(dir, "checkout");
    for (String[] args : new String[][] {{}, {"tuftool"}}) {
      List<String> command = new ArrayList<>(List.of(top.resolve("bin/keel-launch").toString()));
      command.addAll(List.of(args));
      Run r = run(dir, Map.of(), command.toArray(String[]::new));
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().startsWith("usage: bin/keel-launch MODULE MAIN_CLASS [args...]"), r.err());
    }
  }

  @Test
  void demoStopsAtOnceWhenItsPortIsTaken(@TempDir Path dir) throws Exception {
    Path top = checkout(dir, "checkout");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      long started = System.nanoTime();
      Run r =
          run(dir, Map.of("DEMO_PORT", String.valueOf(port)), top.resolve("bin/demo").toString());
      assertEquals(1, r.exit(), r.out() + r.err());
      assertTrue(
          Duration.ofNanos(System.nanoTime() - started).toSeconds() < 20,
          "at once, not after a wait");
      assertTrue(r.err().contains("port " + port + " on 127.0.0.1 is already in use"), r.err());
      assertTrue(r.err().contains("DEMO_PORT=N"), "says how to pick another: " + r.err());
      assertFalse(Files.exists(top.resolve("demo-out")), "nothing started");
    }
    Run bad = run(dir, Map.of("DEMO_PORT", "http"), top.resolve("bin/demo").toString());
    assertEquals(1, bad.exit());
    assertTrue(bad.err().contains("DEMO_PORT=http is not a port number"), bad.err());
  }

  @Test
  void demoWithoutAPortTakesTheFirstFreeOneAndSaysSoWhenThereIsNone(@TempDir Path dir)
      throws Exception {
    Path top = checkout(dir, "checkout");
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int port = 18080; port <= 18099; port++) {
        try {
          held.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
        } catch (BindException alreadyTaken) {
          // Taken by someone else: taken all the same.
        }
      }
      Run r = run(dir, Map.of(), top.resolve("bin/demo").toString());
      assertEquals(1, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains("ports 18080 to 18099 on 127.0.0.1 are all in use"), r.err());
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    // One free: the demo goes on to build (here a fake wrapper that fails, so it stops there).
    executable(top.resolve("mvnw"), "#!/bin/sh\necho 'fake build failed' >&2\nexit 7\n");
    Run r = run(dir, Map.of(), top.resolve("bin/demo").toString());
    assertEquals(7, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("== Building"), r.out());
  }

  @Test
  void demoHeadingsAreBoldOnlyOnATerminal(@TempDir Path dir) throws Exception {
    Path top = checkout(dir, "checkout");
    executable(top.resolve("mvnw"), "#!/bin/sh\nexit 7\n");
    Run piped = run(dir, Map.of(), top.resolve("bin/demo").toString());
    assertTrue(piped.out().contains("== Building"), piped.out());
    assertFalse(
        (piped.out() + piped.err()).contains("\u001b"),
        "no escape codes into a pipe: " + piped.out());
    // util-linux script(1) gives the demo a terminal.
    Run onTerminal =
        run(dir, Map.of(), "script", "-qec", top.resolve("bin/demo").toString(), "/dev/null");
    assertTrue(onTerminal.out().contains("\u001b[1m== Building"), onTerminal.out());
  }
}
