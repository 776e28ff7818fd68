package dev.keel.tuf.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real HTTP server on loopback that serves a directory (a repository's root, holding {@code
 * metadata/} and {@code targets/}) and records every request path, so tests can assert exactly
 * which files a client asked for. Missing files answer 404. Close it after use.
 */
public final class RepositoryServer implements AutoCloseable {
  private final HttpServer server;
  private final Path root;
  private final List<String> requests = new ArrayList<>();

  private RepositoryServer(HttpServer server, Path root) {
    this.server = server;
    this.root = root;
  }

  /** Serves {@code root} on an ephemeral port of 127.0.0.1. */
  public static RepositoryServer serve(Path root) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      RepositoryServer rs = new RepositoryServer(server, root.toAbsolutePath().normalize());
      server.createContext("/", rs::handle);
      server.start();
      return rs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL of the served directory, e.g. {@code http://127.0.0.1:PORT/}. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public URI url(String relative) {
    return base().resolve(relative);
  }

  /** Request paths (decoded, without the leading slash), in order. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  public synchronized void clearRequests() {
    requests.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String raw = exchange.getRequestURI().getRawPath();
    String path = URLDecoder.decode(raw.substring(1), StandardCharsets.UTF_8);
    synchronized (this) {
      requests.add(path);
    }
    Path file = root.resolve(path).normalize();
    try (exchange) {
      if (!file.startsWith(root)
          || !Files.isRegularFile(file)
          || !exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
