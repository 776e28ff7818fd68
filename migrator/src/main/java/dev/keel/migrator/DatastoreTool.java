package dev.keel.migrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.keel.cli.ExitCode;
import dev.keel.cli.KeelVersion;
import dev.keel.cli.ToolRunner;
import dev.keel.cli.UsageException;
import dev.keel.datastore.Committed;
import dev.keel.datastore.DatastoreContents;
import dev.keel.datastore.FilesystemDatastore;
import dev.keel.datastore.InvalidKeyException;
import dev.keel.datastore.Key;
import dev.keel.manifest.SemVer;
import dev.keel.manifest.VersionFormatException;
import dev.keel.migrator.datastore.DatastoreLinks;
import dev.keel.migrator.datastore.DatastoreNames;
import dev.keel.tuf.storage.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code datastore}: reads and changes a settings datastore by hand ({@code get}, {@code set},
 * {@code list}, {@code delete}), shows the version its links give, and creates a fresh versioned
 * datastore ({@code init}), as storewolf does on a host's first boot. Results on stdout (JSON with
 * {@code --json}); exit 0 ok, 1 error (missing key included), 2 usage.
 */
public final class DatastoreTool {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final PrintStream out;
  private final PrintStream err;

  public DatastoreTool(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new DatastoreTool(System.out, System.err).run(List.of(args)));
  }

  public int run(List<String> args) {
    return new ToolRunner("datastore", Clock.systemUTC(), out, err).execute(new Tool(), args);
  }

  static final class Where {
    @Option(
        names = "--datastore",
        paramLabel = "PATH",
        required = true,
        description = "the datastore: its directory or its current link")
    Path datastore;

    @Option(
        names = "--root",
        paramLabel = "DIR",
        required = true,
        description = "a simulated host: DIR/" + HostPaths.DATASTORE)
    Path root;

    Path path() {
      return datastore != null ? datastore : HostPaths.under(root).datastore();
    }
  }

  @Command(
      name = "datastore",
      mixinStandardHelpOptions = true,
      versionProvider = KeelVersion.class,
      description = "Reads and changes a settings datastore.",
      subcommands = {
        Get.class,
        SetKey.class,
        ListKeys.class,
        Delete.class,
        Version.class,
        Init.class
      })
  final class Tool implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Where where;

    @Option(
        names = "--transaction",
        paramLabel = "NAME",
        scope = ScopeType.INHERIT,
        description = "a pending transaction instead of the live settings")
    String transaction;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print results as JSON")
    boolean json;

    @Override
    public Integer call() throws UsageException {
      throw new UsageException("a command is needed: get, set, list, delete, version or init");
    }

    Path path() throws UsageException {
      if (where == null) {
        throw new UsageException("--datastore PATH or --root DIR is needed");
      }
      return where.path();
    }

    FilesystemDatastore store() throws UsageException, IOException {
      Path p = path();
      if (!Files.isDirectory(p.resolve("live"))) {
        throw new IOException("no datastore at " + p + " (no live/ directory)");
      }
      return FilesystemDatastore.at(p.toRealPath());
    }

    Committed committed() {
      return transaction == null ? Committed.LIVE : Committed.pending(transaction);
    }

    PrintStream out() {
      return out;
    }
  }

  static Key key(String name) throws UsageException {
    try {
      return Key.parse(name);
    } catch (InvalidKeyException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static JsonNode value(String stored, Key key) throws IOException {
    try {
      return JSON.readTree(stored);
    } catch (JsonProcessingException e) {
      throw new IOException("the value of " + key + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Prints a key's JSON value.")
  static final class Get implements Callable<Integer> {
    @ParentCommand Tool tool;

    @Parameters(paramLabel = "KEY")
    String name;

    @Override
    public Integer call() throws Exception {
      Key key = key(name);
      Optional<String> v = tool.store().get(key, tool.committed());
      if (v.isEmpty()) {
        throw new IOException("no key " + key + " in " + tool.committed());
      }
      JsonNode node = value(v.get(), key);
      tool.out()
          .println(
              tool.json
                  ? JSON.createObjectNode().set(key.name(), node)
                  : JSON.writeValueAsString(node));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Sets a key to a JSON value (or, with --string, to that text).")
  static final class SetKey implements Callable<Integer> {
    @ParentCommand Tool tool;

    @Parameters(index = "0", paramLabel = "KEY")
    String name;

    @Parameters(index = "1", paramLabel = "VALUE")
    String text;

    @Option(names = "--string", description = "store VALUE as a JSON string")
    boolean string;

    @Override
    public Integer call() throws Exception {
      Key key = key(name);
      JsonNode node;
      if (string) {
        node = TextNode.valueOf(text);
      } else {
        try {
          node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
          throw new UsageException(
              "VALUE must be JSON (quote strings: '\"text\"', or use --string): " + text);
        }
      }
      tool.store().set(key, JSON.writeValueAsString(node), tool.committed());
      if (tool.json) {
        tool.out().println(JSON.createObjectNode().set(key.name(), node));
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists keys and values, optionally only those starting with PREFIX.")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand Tool tool;

    @Parameters(paramLabel = "PREFIX", arity = "0..1", defaultValue = "")
    String prefix;

    @Override
    public Integer call() throws Exception {
      DatastoreContents contents = tool.store().read(tool.committed());
      ObjectNode all = JSON.createObjectNode();
      for (Map.Entry<Key, String> e : contents.data().entrySet()) {
        if (!e.getKey().name().startsWith(prefix)) {
          continue;
        }
        JsonNode node = value(e.getValue(), e.getKey());
        if (tool.json) {
          all.set(e.getKey().name(), node);
        } else {
          tool.out().println(e.getKey().name() + " = " + JSON.writeValueAsString(node));
        }
      }
      if (tool.json) {
        tool.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Removes a key and its metadata.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand Tool tool;

    @Parameters(paramLabel = "KEY")
    String name;

    @Override
    public Integer call() throws Exception {
      Key key = key(name);
      FilesystemDatastore ds = tool.store();
      Committed c = tool.committed();
      for (String meta :
          ds.read(c).metadata().getOrDefault(key, new java.util.TreeMap<>()).keySet()) {
        ds.unsetMetadata(key, meta, c);
      }
      if (!ds.unset(key, c)) {
        throw new IOException("no key " + key + " in " + c);
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "version",
      mixinStandardHelpOptions = true,
      description = "Prints the datastore version its links give.")
  static final class Version implements Callable<Integer> {
    @ParentCommand Tool tool;

    @Override
    public Integer call() throws Exception {
      Path p = tool.path();
      SemVer v = new DatastoreLinks(p.toAbsolutePath().getParent(), new AtomicFiles()).version();
      Path real = p.toRealPath();
      tool.out()
          .println(
              tool.json
                  ? JSON.createObjectNode()
                      .put("version", v.toString())
                      .put("directory", real.toString())
                  : v + " " + real);
      return ExitCode.OK;
    }
  }

  @Command(
      name = "init",
      aliases = "create",
      description =
          "Creates a fresh datastore of VERSION with its version links (a host's first boot).")
  static final class Init implements Callable<Integer> {
    @ParentCommand Tool tool;

    /**
     * Only {@code -h}: {@code --version} names the datastore's version, so the standard help
     * options would clash.
     */
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "X.Y.Z", required = true)
    String version;

    @Override
    public Integer call() throws Exception {
      SemVer v;
      try {
        v = SemVer.parse(version);
      } catch (VersionFormatException e) {
        throw new UsageException("--version: " + e.getMessage());
      }
      Path current = tool.path().toAbsolutePath();
      if (!current.getFileName().toString().equals(DatastoreLinks.CURRENT)) {
        throw new UsageException(
            "init needs the path of the current link (…/datastore/current) or --root");
      }
      Files.createDirectories(current.getParent());
      Path created =
          new DatastoreLinks(current.getParent(), new AtomicFiles())
              .create(v, new DatastoreNames(new SecureRandom()));
      tool.out()
          .println(
              tool.json
                  ? JSON.createObjectNode()
                      .put("version", v.toString())
                      .put("directory", created.toString())
                  : created);
      return ExitCode.OK;
    }
  }
}
