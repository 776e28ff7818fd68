package dev.keel.reposerver.pubsys;

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
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

/** The pubsys commands through a repo-server's API: uploads stream from disk, the server signs. */
final class ServerClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String token;
  private final PrintStream err;
  private final boolean terminal;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  ServerClient(String base, String token, PrintStream err, boolean terminal) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
    this.err = err;
    this.terminal = terminal;
  }

  int publish(RepositoryId id, Pubsys.Release release, PrintStream out)
      throws IOException, InterruptedException {
    return answer(
        send(
            "POST",
            repo(id) + "/releases",
            HttpRequest.BodyPublishers.ofString(releaseJson(release))),
        out);
  }

  int refresh(RepositoryId id, boolean unsafe, PrintStream out)
      throws IOException, InterruptedException {
    return answer(
        send(
            "POST",
            repo(id) + "/refresh" + (unsafe ? "?unsafe=true" : ""),
            HttpRequest.BodyPublishers.noBody()),
        out);
  }

  int validate(RepositoryId id, boolean targets, PrintStream out)
      throws IOException, InterruptedException {
    return answer(
        send(
            "POST",
            repo(id) + "/validate" + (targets ? "?targets=true" : ""),
            HttpRequest.BodyPublishers.noBody()),
        out);
  }

  /** Lists each role's expiry; 1 when one expires before {@code limit}. */
  int expirations(RepositoryId id, Instant limit, PrintStream out)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        send(
            "GET",
            repo(id)
                + "/expirations?limit="
                + URLEncoder.encode(limit.toString(), StandardCharsets.UTF_8),
            HttpRequest.BodyPublishers.noBody());
    if (r.statusCode() != 200) {
      return answer(r, out);
    }
    boolean any = false;
    for (JsonNode role : JSON.readTree(r.body()).get("roles")) {
      boolean soon = role.get("expires_before_limit").asBoolean();
      any |= soon;
      out.println(
          role.get("role").asText()
              + " v"
              + role.get("version").asText()
              + " expires "
              + role.get("expires").asText()
              + (soon ? "  (before " + limit + ")" : ""));
    }
    return any ? 1 : 0;
  }

  private static String repo(RepositoryId id) {
    return "/api/v1/repos/" + id.variant() + "/" + id.arch();
  }

  private int answer(HttpResponse<String> r, PrintStream out) {
    if (r.statusCode() / 100 != 2) {
      err.println("pubsys: server answered " + r.statusCode() + ": " + r.body().strip());
      return 1;
    }
    out.println(r.body().strip());
    return 0;
  }

  private String releaseJson(Pubsys.Release release) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", release.version);
    ObjectNode images = body.putObject("images");
    images.set("boot", upload(release.bootImage));
    images.set("root", upload(release.rootImage));
    images.set("hash", upload(release.hashImage));
    var targets = body.putArray("targets");
    for (Path p : release.extraTargets()) {
      targets.add(upload(p));
    }
    if (release.wavePolicy != null) {
      body.putObject("waves").put("toml", Files.readString(release.wavePolicy));
    }
    if (release.startTime != null) {
      body.put("release_start_time", release.startTime.toString());
    }
    if (release.releaseConfig != null) {
      body.put("release_toml", Files.readString(release.releaseConfig));
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
    HttpRequest.BodyPublisher body =
        new ObservedBody(
            HttpRequest.BodyPublishers.ofFile(file),
            () -> {
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
    HttpResponse<String> r =
        send(
            "PUT", "/api/v1/uploads?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), body);
    if (r.statusCode() != 201) {
      throw new IOException(
          "upload of " + file + " failed: " + r.statusCode() + " " + r.body().strip());
    }
    String stored = JSON.readTree(r.body()).path("sha256").asText("");
    String sent = hashed.get();
    if (sent == null) {
      throw new IOException("upload of " + file + " was not sent in full");
    }
    if (!sent.equals(stored)) {
      throw new IOException(
          "upload of "
              + file
              + ": the server stored sha256 '"
              + stored
              + "' but the bytes sent have "
              + sent
              + "; not publishing");
    }
    ObjectNode ref = JSON.createObjectNode();
    ref.put("name", name).put("sha256", sent);
    return ref;
  }

  private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, body)
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
