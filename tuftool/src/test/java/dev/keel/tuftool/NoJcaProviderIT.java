package dev.keel.tuftool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.model.RoleType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key commands never construct Bouncy Castle's JCA provider: doing so costs every command about
 * half a second of start-up (hundreds of classes, and verifying the signed jar). Each command runs
 * in a child JVM that logs every class it loads, with an encrypted key so that both PBES2
 * directions are on the path.
 */
class NoJcaProviderIT {
  private static final String PASSPHRASE = "correct horse";
  @TempDir Path dir;

  @Test
  void genKeySignAndCreateLoadNoJcaProvider() throws Exception {
    Path root = dir.resolve("root.json");
    Path key = dir.resolve("key.pem");
    TuftoolRun.of("root", "init", root.toString()).ok();
    for (RoleType r : RoleType.values()) {
      TuftoolRun.of("root", "set-threshold", root.toString(), r.jsonName(), "1").ok();
    }
    TuftoolRun.of("root", "expire", root.toString(), "in 52 weeks").ok();
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in/a.txt"), "alpha");

    assertLoadsNoProvider(
        "gen-key",
        "root",
        "gen-key",
        root.toString(),
        key.toString(),
        "--type",
        "ecdsa",
        "-r",
        "root",
        "-r",
        "snapshot",
        "-r",
        "targets",
        "-r",
        "timestamp");
    assertTrue(Files.readString(key).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    assertLoadsNoProvider("sign", "root", "sign", root.toString(), "-k", key.toString());
    assertLoadsNoProvider(
        "create",
        "create",
        "-r",
        root.toString(),
        "-k",
        key.toString(),
        "-t",
        dir.resolve("in").toString(),
        "-o",
        dir.resolve("repo").toString(),
        "--targets-expires",
        "in 7 days",
        "--targets-version",
        "1",
        "--snapshot-expires",
        "in 7 days",
        "--snapshot-version",
        "1",
        "--timestamp-expires",
        "in 1 day",
        "--timestamp-version",
        "1");
    assertTrue(Files.exists(dir.resolve("repo/metadata/timestamp.json")));
  }

  private void assertLoadsNoProvider(String name, String... args)
      throws IOException, InterruptedException {
    Path log = dir.resolve(name + ".classes");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                System.getProperty("java.class.path"),
                Tuftool.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".out").toFile());
    builder.environment().put(KeyArguments.PASSPHRASE_ENV, PASSPHRASE);
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), name + " did not finish");
    assertEquals(
        0, process.exitValue(), name + ": " + Files.readString(dir.resolve(name + ".out")));
    List<String> loaded = Files.readAllLines(log);
    // The log is real: it saw the key code and Bouncy Castle's lightweight classes.
    assertTrue(
        loaded.stream().anyMatch(l -> l.contains(" dev.keel.tuf.crypto.PrivateKeys ")), name);
    assertTrue(loaded.stream().anyMatch(l -> l.contains(" org.bouncycastle.crypto.")), name);
    List<String> jca =
        loaded.stream()
            .filter(
                l ->
                    l.contains(" org.bouncycastle.jce.") || l.contains(" org.bouncycastle.jcajce."))
            .map(l -> l.replaceFirst(".* (org\\.bouncycastle\\.\\S+) .*", "$1"))
            .toList();
    assertEquals(
        List.of(),
        jca.subList(0, Math.min(5, jca.size())),
        name
            + " loaded "
            + jca.size()
            + " classes of Bouncy Castle's JCA provider, first five shown");
  }
}
