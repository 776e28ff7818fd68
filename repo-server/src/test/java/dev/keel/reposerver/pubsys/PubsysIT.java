package dev.keel.reposerver.pubsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.manifest.Manifest;
import dev.keel.manifest.ReleaseConfig;
import dev.keel.reposerver.ServerFixture;
import dev.keel.reposerver.TestData;
import dev.keel.reposerver.store.DevRepository;
import dev.keel.tuf.client.TargetInfo;
import dev.keel.tuf.client.Updater;
import dev.keel.tuf.model.TargetPath;
import dev.keel.tuf.transport.FileTransport;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class PubsysIT {
  static final String RELEASE_TOML = "src/test/resources/bottlerocket/Release.toml";
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int pubsys(String... args) {
    out.reset();
    err.reset();
    return new Pubsys(new PrintStream(out, true), new PrintStream(err, true), Clock.systemUTC())
        .run(List.of(args));
  }

  List<String> release(String version, Path keys) throws Exception {
    List<String> args = new ArrayList<>();
    for (String kind : new String[] {"boot", "root", "hash"}) {
      Path image = dir.resolve("bottlerocket-dev-x86_64-" + version + "-" + kind + ".lz4");
      Files.writeString(image, kind + " " + version);
      args.add("--" + kind + "-image");
      args.add(image.toString());
    }
    Path migration = dir.resolve("migrate_v" + version + "_x.lz4");
    Files.writeString(migration, "migration");
    args.addAll(migrationTargets());
    args.addAll(
        List.of(
            "--copy-target",
            migration.toString(),
            "--version",
            "v" + version,
            "--variant",
            "dev",
            "--arch",
            "x86_64",
            "--repo",
            "default",
            "--wave-policy-path",
            "src/test/resources/bottlerocket/ohno.toml",
            "--release-config-path",
            RELEASE_TOML,
            "--repo-expiration-policy-path",
            "src/test/resources/bottlerocket/repo-expiration-2w-2w-1w.toml",
            "--release-start-time",
            "2026-01-01T00:00:00Z"));
    return args;
  }

  /**
   * {@code --link-target} for every migration Release.toml names: a release lists each migration it
   * names, as a real build passes them all.
   */
  List<String> migrationTargets() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("migrations"));
    List<String> args = new ArrayList<>();
    ReleaseConfig release =
        ReleaseConfig.parse(Files.readString(Path.of(RELEASE_TOML)), RELEASE_TOML);
    for (String name :
        release.migrations().values().stream().flatMap(List::stream).distinct().toList()) {
      Path file = folder.resolve(name);
      if (!Files.exists(file)) {
        Files.writeString(file, "migration " + name);
      }
      args.addAll(List.of("--link-target", file.toString()));
    }
    return args;
  }

  @Test
  void offlineRepoRefreshValidateAndCheck() throws Exception {
    Path keys = dir.resolve("keys");
    DevRepository.initialise(keys, Clock.systemUTC().instant());
    Path outdir = dir.resolve("repos");
    String root = keys.resolve("root.json").toString();
    String key = keys.resolve(DevRepository.ONLINE_KEY).toString();
    for (String version : List.of("1.0.0", "1.1.0")) {
      List<String> args = new ArrayList<>(List.of("repo"));
      args.addAll(release(version, keys));
      args.addAll(
          List.of(
              "--root-role-path", root, "--default-key-path", key, "--outdir", outdir.toString()));
      assertEquals(0, pubsys(args.toArray(String[]::new)), err.toString());
    }
    assertTrue(Files.isRegularFile(outdir.resolve("dev/x86_64/timestamp.json")));
    assertTrue(!Files.exists(outdir.resolve("uploads")));
    assertEquals(
        0,
        pubsys(
            "validate-repo",
            "--variant",
            "dev",
            "--arch",
            "x86_64",
            "--root-role-path",
            root,
            "--outdir",
            outdir.toString(),
            "--validate-targets"),
        err.toString());
    int migrations = migrationTargets().size() / 2;
    assertTrue(out.toString().contains((9 + migrations) + " targets"), out.toString());
    assertEquals(
        0,
        pubsys(
            "check-repo-expirations",
            "--variant",
            "dev",
            "--arch",
            "x86_64",
            "--root-role-path",
            root,
            "--outdir",
            outdir.toString(),
            "--expiration-limit",
            "in 2 days"));
    assertEquals(
        1,
        pubsys(
            "check-repo-expirations",
            "--variant",
            "dev",
            "--arch",
            "x86_64",
            "--root-role-path",
            root,
            "--outdir",
            outdir.toString(),
            "--expiration-limit",
            "in 8 days"));
    assertTrue(out.toString().contains("timestamp"), out.toString());
    assertEquals(
        0,
        pubsys(
            "refresh-repo",
            "--variant",
            "dev",
            "--arch",
            "x86_64",
            "--root-role-path",
            root,
            "--default-key-path",
            key,
            "--outdir",
            outdir.toString()),
        err.toString());

    Updater u =
        TestData.client(
            Files.createDirectories(dir.resolve("host")),
            outdir.resolve("dev/x86_64").toUri(),
            Files.readAllBytes(Path.of(root)),
            new FileTransport(),
            Clock.systemUTC());
    u.refresh();
    TargetInfo info = u.findTarget(new TargetPath("manifest.json")).orElseThrow();
    Manifest m;
    try (InputStream in = u.openTarget(info, outdir.resolve("targets").toUri())) {
      m = Manifest.parse(in.readAllBytes());
    }
    assertEquals(2, m.updates().size());
    assertEquals(
        List.of(0L, 102L, 512L, 1024L, 1843L), List.copyOf(m.updates().get(1).waves().keySet()));
    assertTrue(m.migrations().size() > 10);
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, pubsys());
    assertEquals(2, pubsys("repo", "--bogus"));
    assertEquals(2, pubsys("frobnicate"));
    assertEquals(2, pubsys("validate-repo", "--arch", "x86_64"));
    assertTrue(err.toString().contains("--variant"), err.toString());
  }

  @Test
  void everyCommandHasHelpAndTheToolItsVersion() {
    for (String command :
        List.of("repo", "refresh-repo", "validate-repo", "check-repo-expirations")) {
      assertEquals(0, pubsys(command, "--help"), command);
      assertTrue(out.toString().startsWith("Usage: pubsys " + command), out.toString());
    }
    assertEquals(0, pubsys("repo", "-h"));
    assertTrue(
        out.toString().contains("--version=VERSION"), "repo's --version is the release: " + out);
    assertEquals(0, pubsys("--version"));
    assertTrue(out.toString().startsWith("pubsys (Keel) "), out.toString());
    assertEquals(2, pubsys("validate-rep", "--variant", "dev", "--arch", "x86_64"));
    assertTrue(err.toString().contains("validate-repo"), "suggests the command: " + err);
  }

  @Test
  void throughTheServerApi(Vertx vertx) throws Exception {
    ServerFixture server =
        new ServerFixture(vertx, dir.resolve("server"), Clock.systemUTC(), 1 << 20);
    List<String> args =
        new ArrayList<>(
            List.of("--server", server.base, "--token", ServerFixture.ADMIN_TOKEN, "repo"));
    args.addAll(release("1.0.0", dir));
    assertEquals(0, pubsys(args.toArray(String[]::new)), err.toString());
    assertTrue(out.toString().contains("\"timestamp_version\""), out.toString());
    assertEquals(
        0,
        pubsys(
            "--server",
            server.base,
            "--token",
            ServerFixture.ADMIN_TOKEN,
            "validate-repo",
            "--variant",
            "dev",
            "--arch",
            "x86_64",
            "--validate-targets"),
        err.toString());
    assertTrue(
        out.toString().contains("\"targets_downloaded\":" + (5 + migrationTargets().size() / 2)),
        out.toString());
    assertEquals(
        1,
        pubsys(
            "--server",
            server.base,
            "--token",
            ServerFixture.ADMIN_TOKEN,
            "check-repo-expirations",
            "--variant",
            "dev",
            "--arch",
            "x86_64",
            "--expiration-limit",
            "in 8 days"));
    assertEquals(
        1,
        pubsys(
            "--server",
            server.base,
            "--token",
            "bad",
            "refresh-repo",
            "--variant",
            "dev",
            "--arch",
            "x86_64"));
    assertTrue(err.toString().contains("401"), err.toString());
    assertEquals(
        0,
        pubsys(
            "--server",
            server.base,
            "--token",
            ServerFixture.ADMIN_TOKEN,
            "refresh-repo",
            "--variant",
            "dev",
            "--arch",
            "x86_64"),
        err.toString());
  }
}
