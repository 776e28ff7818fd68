package dev.keel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.host.Host;
import dev.keel.migrator.DatastoreTool;
import dev.keel.partition.ActiveSetSource;
import dev.keel.partition.FileBlockDevice;
import dev.keel.partition.GptPrio;
import dev.keel.partition.GptTable;
import dev.keel.partition.PartitionState;
import dev.keel.partition.SetSelect;
import dev.keel.signpost.Signpost;
import dev.keel.tuf.transport.HttpSettings;
import dev.keel.updog.RepoFixture;
import dev.keel.updog.Updog;
import dev.keel.updog.UpdogEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BiFunction;

/** A host directory made by {@code host create}, and the tools run on it as on a machine. */
final class SimulatedHost {
  private static final ObjectMapper JSON = new ObjectMapper();
  final Path dir;

  record Result(int code, String out, String err) {}

  private SimulatedHost(Path dir) {
    this.dir = dir;
  }

  Path disk() {
    return dir.resolve("disk.img");
  }

  /**
   * {@code host images} for {@code version}: image kind ({@code boot}, {@code root}, {@code hash})
   * to file.
   */
  static Map<String, Path> images(Path outDir, String version, String... sizes) {
    List<String> args =
        new ArrayList<>(
            List.of("images", "--version", version, "--variant", RepoFixture.VARIANT, "--json"));
    args.addAll(List.of(sizes));
    args.add(outDir.toString());
    Result r = run((out, err) -> Host.run(args, out, err));
    assertEquals(0, r.code(), r.err());
    try {
      JsonNode paths = JSON.readTree(r.out());
      return Map.of(
          "boot",
          Path.of(paths.get("boot").asText()),
          "root",
          Path.of(paths.get("root").asText()),
          "hash",
          Path.of(paths.get("hash").asText()));
    } catch (java.io.IOException e) {
      throw new AssertionError(r.out(), e);
    }
  }

  /** {@code host create DIR --version V} against {@code repo}; it boots once. */
  static SimulatedHost create(Path dir, String version, RepoFixture repo) throws Exception {
    Path rootJson = Files.write(Files.createTempFile("root", ".json"), repo.root());
    Result r =
        run(
            (out, err) ->
                Host.run(
                    List.of(
                        "create",
                        dir.toString(),
                        "--version",
                        version,
                        "--variant",
                        RepoFixture.VARIANT,
                        "--root-json",
                        rootJson.toString(),
                        "--metadata-base-url",
                        repo.metadataUrl(),
                        "--targets-base-url",
                        repo.targetsUrl(),
                        "--seed",
                        "100"),
                    out,
                    err));
    assertEquals(0, r.code(), r.err());
    return new SimulatedHost(dir);
  }

  Result boot() {
    return run((out, err) -> Host.run(List.of("boot", dir.toString()), out, err));
  }

  Result status() {
    return run((out, err) -> Host.run(List.of("status", "--json", dir.toString()), out, err));
  }

  Result signpost(String command) {
    return run(
        (out, err) ->
            Signpost.run(
                List.of(command, "--root", dir.toString(), "--disk", disk().toString()), out, err));
  }

  Result updog(String... args) {
    List<String> all =
        new ArrayList<>(List.of("--root", dir.toString(), "--disk", disk().toString()));
    all.addAll(List.of(args));
    return run(
        (out, err) ->
            Updog.run(
                new UpdogEnvironment(
                    Clock.systemUTC(),
                    out,
                    err,
                    Map.of(),
                    false,
                    dir,
                    "x86_64",
                    HttpSettings.defaults().withTries(2)),
                all));
  }

  /** {@code datastore --root DIR ARGS}: the host's settings, as a person reads and changes them. */
  Result datastore(String... args) {
    List<String> all = new ArrayList<>(List.of("--root", dir.toString()));
    all.addAll(List.of(args));
    return run((out, err) -> new DatastoreTool(out, err).run(all));
  }

  /** Set {@code set}'s gptprio bits as they are on the disk now. */
  GptPrio prio(SetSelect set) throws Exception {
    try (FileBlockDevice device = FileBlockDevice.open(disk(), OptionalInt.empty())) {
      return PartitionState.of(device, GptTable.read(device), ActiveSetSource.fixed(SetSelect.A))
          .set(set)
          .prio();
    }
  }

  /** The booted release's VERSION_ID, from the os-release the last boot installed. */
  String versionId() throws Exception {
    for (String line : Files.readAllLines(dir.resolve("usr/lib/os-release"))) {
      if (line.startsWith("VERSION_ID=")) {
        return line.substring("VERSION_ID=".length()).replace("\"", "");
      }
    }
    throw new AssertionError("no VERSION_ID in os-release");
  }

  private static Result run(BiFunction<PrintStream, PrintStream, Integer> tool) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        tool.apply(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
