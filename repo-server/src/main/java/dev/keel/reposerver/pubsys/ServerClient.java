package dev.keel.reposerver.pubsys;

import dev.keel.cli.TimeArgument;
import dev.keel.cli.CommandLine;
import dev.keel.cli.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.reposerver.store.RepositoryId;
import dev.keel.tuf.model.HashAlgorithm;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The pubsys commands through a repo-server's API: uploads stream from disk, the server signs. */
final class ServerClient {
  private final Clock clock;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String token;
  private final PrintStream err;
  private final boolean terminal;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  ServerClient(String base, String token, PrintStream err, boolean terminal, Clock clock) {
    this.clock = clock;
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
    this.err = err;
    this.terminal = terminal;
  }

  int run(String command, CommandLine cl, PrintStream out) throws UsageException, IOException, InterruptedException {
    RepositoryId id = Pubsys.repositoryId(cl);
    String repo = "/api/v1/repos/" + id.variant() + "/" + id.arch();
    HttpResponse<String> r;
    switch (command) {
      case "repo" -> r = send("POST", repo + "/releases", HttpRequest.BodyPublishers.ofString(releaseJson(cl)));
      case "refresh-repo" -> r = send("POST", repo + "/refresh" + (cl.flag("--unsafe-refresh") ? "?unsafe=true" : ""),
          HttpRequest.BodyPublishers.noBody());
      case "validate-repo" -> r = send("POST", repo + "/validate" + (cl.flag("--validate-targets") ? "?targets=true" : ""),
          HttpRequest.BodyPublishers.noBody());
      case "check-repo-expirations" -> {
        String limit = TimeArgument.parse(cl.required("--expiration-limit"), clock).toString();
        r = send("GET", repo + "/expirations?limit=" + URLEncoder.encode(limit, StandardCharsets.UTF_8),
            HttpRequest.BodyPublishers.noBody());
        if (r.statusCode() == 200) {
          boolean any = false;
          for (JsonNode role : JSON.readTree(r.body()).get("roles")) {
            boolean soon = role.get("expires_before_limit").asBoolean();
            any |= soon;
            out.println(role.get("role").asText() + " v" + role.get("version").asText() + " expires "
                + role.get("expires").asText() + (soon ? "  (before " + limit + ")" : ""));
          }
          return any ? 1 : 0;
        }
      }
      default -> throw new UsageException("unknown command '" + command + "'");
    }
    if (r.statusCode() / 100 != 2) {
      err.println("pubsys: server answered " + r.statusCode() + ": " + r.body().strip());
      return 1;
    }
    out.println(r.body().strip());
    return 0;
  }

  private String releaseJson(CommandLine cl) throws UsageException, IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", cl.required("--version"));
    ObjectNode images = body.putObject("images");
    images.set("boot", upload(Path.of(cl.required("--boot-image"))));
    images.set("root", upload(Path.of(cl.required("--root-image"))));
    images.set("hash", upload(Path.of(cl.required("--hash-image"))));
    List<String> extra = new ArrayList<>(cl.all("--link-target"));
    extra.addAll(cl.all("--copy-target"));
    var targets = body.putArray("targets");
    for (String p : extra) {
      targets.add(upload(Path.of(p)));
    }
    if (cl.value("--wave-policy-path").isPresent()) {
      body.putObject("waves").put("toml", Files.readString(Path.of(cl.required("--wave-policy-path"))));
    }
    if (cl.value("--release-start-time").isPresent()) {
      body.put("release_start_time",
          TimeArgument.parse(cl.required("--release-start-time"), clock).toString());
    }
    if (cl.value("--release-config-path").isPresent()) {
      body.put("release_toml", Files.readString(Path.of(cl.required("--release-config-path"))));
    }
    return body.toString();
  }

  /**
   * Uploads {@code file} and returns its {@code {name, sha256}} reference for a release, once the
   * SHA-256 the server stored is the one of the bytes sent.
   *
   * @throws IOException if the upload fails or the server's hash differs from ours
   */
  ObjectNode upload(Path file) throws IOException, InterruptedException {
    String name = file.getFileName().toString();
    Progress progress = terminal ? Progress.counter(name, Files.size(file), err) : null;
    AtomicReference<String> hashed = new AtomicReference<>();
    HttpRequest.BodyPublisher body = new ObservedBody(HttpRequest.BodyPublishers.ofFile(file), () -> {
      MessageDigest digest = HashAlgorithm.SHA256.newDigest();
      return new ObservedBody.Observer() {
        @Override
        public void sent(ByteBuffer bytes) {
          digest.update(bytes.duplicate());
          if (progress != null) {
            progress.advance(bytes.remaining());
          }
        }

        @Override
        public void completed() {
          hashed.set(HexFormat.of().formatHex(digest.digest()));
        }
      };
    });
    HttpResponse<String> r = send("PUT", "/api/v1/uploads?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
        body);
    if (r.statusCode() != 201) {
      throw new IOException("upload of " + file + " failed: " + r.statusCode() + " " + r.body().strip());
    }
    String stored = JSON.readTree(r.body()).path("sha256").asText("");
    String sent = hashed.get();
    if (sent == null) {
      throw new IOException("upload of " + file + " was not sent in full");
    }
    if (!sent.equals(stored)) {
      throw new IOException("upload of " + file + ": the server stored sha256 '" + stored + "' but the bytes sent have "
          + sent + "; not publishing");
    }
    ObjectNode ref = JSON.createObjectNode();
    ref.put("name", name).put("sha256", sent);
    return ref;
  }

  private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, body)
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
  }
}
