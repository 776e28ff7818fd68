package dev.keel.migrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreToolTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of("--root", dir.toString()));
    all.addAll(List.of(args));
    return new DatastoreTool(new PrintStream(out, true), new PrintStream(err, true)).run(all);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everySubcommandTakesHelp() {
    for (String sub : List.of("get", "set", "list", "delete", "version", "init")) {
      assertEquals(0, run(sub, "--help"), sub + ": " + err);
      assertTrue(out().startsWith("Usage: datastore " + sub), out());
    }
  }

  @Test
  void initThenGetSetListDeleteAsAPersonWould() throws Exception {
    assertEquals(0, run("init", "--version", "1.0.0"), err.toString());
    assertTrue(
        out().strip().matches(".*/var/lib/bottlerocket/datastore/v1\\.0\\.0_[A-Za-z0-9]{16}"),
        out());
    assertEquals(0, run("version"));
    assertTrue(out().startsWith("1.0.0 "), out());
    assertEquals(0, run("set", "settings.motd", "--string", "Hello, Keel"));
    assertEquals(0, run("set", "settings.ntp.servers", "[\"a.pool\", \"b.pool\"]"));
    assertEquals(0, run("get", "settings.motd"));
    assertEquals("\"Hello, Keel\"\n", out());
    assertEquals(0, run("--json", "get", "settings.ntp.servers"));
    assertEquals("{\"settings.ntp.servers\":[\"a.pool\",\"b.pool\"]}\n", out());
    assertEquals(0, run("list", "settings."));
    assertEquals(
        "settings.motd = \"Hello, Keel\"\nsettings.ntp.servers = [\"a.pool\",\"b.pool\"]\n", out());
    assertEquals(0, run("--transaction", "tx1", "set", "settings.motd", "\"draft\""));
    assertEquals(0, run("--transaction", "tx1", "--json", "list"));
    assertTrue(out().contains("\"settings.motd\" : \"draft\""), out());
    assertEquals(0, run("delete", "settings.ntp.servers"));
    assertEquals(1, run("get", "settings.ntp.servers"));
    assertTrue(err.toString().contains("no key settings.ntp.servers"), err.toString());
    assertTrue(
        Files.exists(dir.resolve("var/lib/bottlerocket/datastore/current/live/settings/motd")));
  }

  @Test
  void badInputIsAUsageError() throws Exception {
    assertEquals(0, run("init", "--version", "1.0.0"));
    assertEquals(1, run("init", "--version", "1.0.0"), "current already exists");
    assertEquals(2, run("set", "settings.motd", "not json"));
    assertEquals(2, run("get", "bad key"));
    assertEquals(2, run("init", "--version", "one"));
    assertEquals(
        2, new DatastoreTool(new PrintStream(out), new PrintStream(err)).run(List.of("get", "x")));
  }
}
