package dev.keel.reposerver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.reposerver.http.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path dir;

  @Test
  void readsEveryKey() throws Exception {
    Files.writeString(
        dir.resolve("exp.toml"),
        "snapshot_expiration = '3 days'\ntargets_expiration = '4 days'\ntimestamp_expiration = '1 day'\n");
    Path file = dir.resolve("server.toml");
    Files.writeString(
        file,
        """
        [server]
        host = "0.0.0.0"
        port = 8443
        tls_cert = "cert.pem"
        tls_key = "key.pem"
        access_log = false
        idle_timeout = "30 s"
        request_head_timeout = "5s"
        max_connections = 200
        [repository]
        data_dir = "data"
        prefix = "2020-07-07"
        signing_keys = ["keys/online.pem", "file:///abs/key.pem"]
        expiration_policy = "exp.toml"
        sha512 = true
        upload_limit_bytes = 1048576
        [refresh]
        margin = "2 days"
        interval = "90m"
        [[tokens]]
        name = "ci"
        sha256 = "%s"
        scopes = ["publish"]
        [[tokens]]
        name = "ops"
        sha256 = "%s"
        scopes = ["admin"]
        """
            .formatted("a".repeat(64), "b".repeat(64)));
    ServerConfig c = ServerConfig.parse(file);
    assertEquals("0.0.0.0", c.host());
    assertEquals(8443, c.port());
    assertEquals(dir.resolve("cert.pem"), c.tls().orElseThrow().certificate());
    assertEquals(dir.resolve("data"), c.dataDir());
    assertEquals("2020-07-07", c.prefix());
    assertEquals(dir.resolve("keys/online.pem").toString(), c.signingKeys().get(0));
    assertEquals("file:///abs/key.pem", c.signingKeys().get(1));
    assertEquals(Duration.ofDays(1), c.expiration().timestampExpiration());
    assertTrue(c.sha512());
    assertEquals(1048576, c.uploadLimit());
    assertEquals(Duration.ofDays(2), c.refreshMargin());
    assertEquals(Duration.ofMinutes(90), c.refreshInterval());
    assertEquals(Set.of(Scope.PUBLISH), c.tokens().get(0).scopes());
    assertEquals(2, c.tokens().size());
    assertEquals(
        new ServerConfig.Limits(Duration.ofSeconds(30), Duration.ofSeconds(5), 200), c.limits());
  }

  @Test
  void failsClosedOnWrongTypesAndUnknownKeysNamingFileAndKey() throws Exception {
    String valid = "[repository]\ndata_dir = \"d\"\nsigning_keys = [\"k\"]\n";
    Path file = dir.resolve("server.toml");
    for (String[] bad :
        new String[][] {
          {"[server]\nport = \"8443\"\n", "server.port"},
          {"[server]\nport = 70000\n", "server.port"},
          {"[server]\naccess_log = \"no\"\n", "server.access_log"},
          {"[server]\nacess_log = false\n", "server.acess_log"},
          {"[server]\nmax_connections = 0\n", "server.max_connections"},
          {"[server]\nidle_timeout = 60\n", "server.idle_timeout"},
          {"[server]\nrequest_head_timeout = \"0s\"\n", "server.request_head_timeout"},
          {"[server]\ntls_cert = \"c.pem\"\n", "server.tls_key"},
          {"[refresh]\nmargin = 3\n", "refresh.margin"},
          {"[refresh]\nintervall = \"1h\"\n", "refresh.intervall"},
          {"[extra]\nx = 1\n", "extra"},
          {
            "[[tokens]]\nname = \"ci\"\nsha256 = \"" + "a".repeat(64) + "\"\nscope = [\"admin\"]\n",
            "tokens[0].scope"
          },
          {
            "[[tokens]]\nsha256 = \"" + "a".repeat(64) + "\"\nscopes = \"admin\"\n",
            "tokens[0].scopes"
          },
        }) {
      Files.writeString(file, valid + bad[0]);
      String message =
          assertThrows(
                  ServerConfig.ConfigFileException.class, () -> ServerConfig.parse(file), bad[0])
              .getMessage();
      assertTrue(message.startsWith(file + ": " + bad[1] + ":"), message);
    }
    for (String badRepo :
        new String[] {
          "sha512 = \"yes\"\n",
          "upload_limit_bytes = -1\n",
          "prefix = \"a/b\"\n",
          "signing_keys = \"k\"\n"
        }) {
      Files.writeString(
          file,
          "[repository]\ndata_dir = \"d\"\n"
              + (badRepo.startsWith("signing") ? "" : "signing_keys = [\"k\"]\n")
              + badRepo);
      String message =
          assertThrows(ServerConfig.ConfigFileException.class, () -> ServerConfig.parse(file))
              .getMessage();
      assertTrue(
          message.startsWith(file + ": repository." + badRepo.substring(0, badRepo.indexOf(' '))),
          message);
    }
  }

  @Test
  void namesTheProblem() throws Exception {
    Path file = dir.resolve("bad.toml");
    Files.writeString(file, "[repository]\ndata_dir = \"d\"\n");
    assertTrue(
        assertThrows(ServerConfig.ConfigFileException.class, () -> ServerConfig.parse(file))
            .getMessage()
            .contains("repository.signing_keys"));
    Files.writeString(
        file,
        "[repository]\ndata_dir = \"d\"\nsigning_keys = [\"k\"]\n[[tokens]]\nsha256 = \"xyz\"\n");
    assertTrue(
        assertThrows(ServerConfig.ConfigFileException.class, () -> ServerConfig.parse(file))
            .getMessage()
            .contains("sha256"));
    Files.writeString(
        file,
        "[repository]\ndata_dir = \"d\"\nsigning_keys = [\"k\"]\n[refresh]\nmargin = \"soon\"\n");
    assertTrue(
        assertThrows(ServerConfig.ConfigFileException.class, () -> ServerConfig.parse(file))
            .getMessage()
            .contains("refresh.margin"));
  }
}
