package dev.keel.tuf.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny HTTP/1.1 server on loopback whose answers are written byte by byte by the test, so it can
 * cut bodies at exact offsets, lie in headers or play a proxy. Request {@code i} is answered by
 * responder {@code i} (the last responder answers every later request). Every connection is closed
 * after one answer, unless the server was made with {@link #keepingAlive}: then it reads the next
 * request on the same connection until the client hangs up (or a responder closes {@code out}).
 */
final class ScriptedHttpServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /** What the client sent. Header names are lower-cased. */
  record Request(String line, Map<String, String> headers) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  @FunctionalInterface
  interface Responder {
    void respond(Request request, OutputStream out) throws IOException;
  }

  private final ServerSocket server;
  private final List<Responder> script;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final boolean keepAlive;
  private final Thread thread;
  private volatile int connections;
  private volatile Socket current;

  ScriptedHttpServer(Responder... script) throws IOException {
    this(false, script);
  }

  private ScriptedHttpServer(boolean keepAlive, Responder... script) throws IOException {
    this.keepAlive = keepAlive;
    this.script = List.of(script);
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = new Thread(this::serve, "scripted-http-server");
    thread.setDaemon(true);
    thread.start();
  }

  /** A server that keeps connections open between requests; answer with {@link #keptAlive}. */
  static ScriptedHttpServer keepingAlive(Responder... script) throws IOException {
    return new ScriptedHttpServer(true, script);
  }

  /** TCP connections accepted so far. */
  int connections() {
    return connections;
  }

  int port() {
    return server.getLocalPort();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() throws IOException {
    server.close();
    Socket open = current;
    if (open != null) {
      open.close(); // a kept-alive connection the client still holds
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve() {
    int index = 0;
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        current = socket;
        connections++;
        socket.setSoTimeout(5_000);
        InputStream in = new BufferedInputStream(socket.getInputStream());
        do {
          Request request = readRequest(in);
          requests.add(request);
          Responder responder = script.get(Math.min(index++, script.size() - 1));
          OutputStream out = socket.getOutputStream();
          responder.respond(request, out);
          out.flush();
        } while (keepAlive && !socket.isClosed());
      } catch (IOException e) {
        // the client hung up, or the server socket was closed: next connection
      }
    }
  }

  private static Request readRequest(InputStream in) throws IOException {
    String line = readLine(in);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        continue; // not a header line; a test server must not die on it
      }
      headers.put(
          h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    return new Request(line, headers);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("request ended early");
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  // ---- responders ----

  /** A response head: status line, the given header lines, {@code Connection: close}. */
  static byte[] head(String status, String... headers) {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    sb.append("Connection: close\r\n\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A response head without {@code Connection: close}, for {@link #keepingAlive} servers. */
  static byte[] keptAlive(String status, String... headers) {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** 200 with an honest Content-Length, but only the first {@code sent} bytes, then a close. */
  static Responder cutAfter(byte[] body, int sent, boolean acceptRanges) {
    return (request, out) -> {
      List<String> headers = new ArrayList<>(List.of("Content-Length: " + body.length));
      if (acceptRanges) {
        headers.add("Accept-Ranges: bytes");
      }
      out.write(head("200 OK", headers.toArray(String[]::new)));
      out.write(body, 0, sent);
    };
  }

  /** Serves {@code body} correctly, answering {@code Range: bytes=N-} with a 206. */
  static Responder ranges(byte[] body) {
    return (request, out) -> {
      String range = request.header("Range");
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (m == null || !m.matches()) {
        out.write(head("200 OK", "Content-Length: " + body.length, "Accept-Ranges: bytes"));
        out.write(body);
        return;
      }
      int start = Integer.parseInt(m.group(1));
      out.write(
          head(
              "206 Partial Content",
              "Content-Length: " + (body.length - start),
              "Content-Range: bytes " + start + "-" + (body.length - 1) + "/" + body.length,
              "Accept-Ranges: bytes"));
      out.write(body, start, body.length - start);
    };
  }

  /** A chunked body (1000-byte chunks) after the given extra header lines. */
  static Responder chunked(byte[] body, String... extraHeaders) {
    return (request, out) -> {
      List<String> headers = new ArrayList<>(List.of(extraHeaders));
      headers.add("Transfer-Encoding: chunked");
      out.write(head("200 OK", headers.toArray(String[]::new)));
      for (int off = 0; off < body.length; off += 1000) {
        int n = Math.min(1000, body.length - off);
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, off, n);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    };
  }
}
