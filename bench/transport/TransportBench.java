import dev.keel.tuf.transport.FetchResult;
import dev.keel.tuf.transport.HttpSettings;
import dev.keel.tuf.transport.HttpTransport;
import dev.keel.tuf.transport.ProxySettings;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Throughput of {@link HttpTransport} against curl on the same URL, interleaved round by round
 * (order alternating) so that the machine's drifting noise hits both alike.
 *
 * <p>Usage: {@code TransportBench <url> <rounds>} ({@code 0}: the cold round only). Round 0 is the cold round (fresh JVM, JIT not
 * warmed up) and is reported apart. HttpTransport reads into a 1 MiB buffer and discards, with
 * the default settings (rate check on). MB = 10^6 bytes.
 */
public final class TransportBench {
  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    int rounds = Integer.parseInt(args[1]);
    HttpTransport transport = new HttpTransport(HttpSettings.defaults(), ProxySettings.none());
    byte[] buffer = new byte[1 << 20];
    List<Double> curls = new ArrayList<>();
    List<Double> javas = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round <= rounds; round++) {
      // Alternate who goes first, so neither profits from the other's warm-up or cool-down.
      double curl;
      double java;
      if (round % 2 == 0) {
        curl = curl(url);
        java = transport(transport, url, buffer);
      } else {
        java = transport(transport, url, buffer);
        curl = curl(url);
      }
      System.out.printf(
          "round %d%s: curl %7.1f MB/s, HttpTransport %7.1f MB/s, ratio %.2f%n",
          round, round == 0 ? " (cold)" : "", curl, java, java / curl);
      if (round > 0) {
        curls.add(curl);
        javas.add(java);
        ratios.add(java / curl);
      }
    }
    if (rounds == 0) {
      return; // a cold-only run: round 0 is all there is
    }
    System.out.printf(
        "median of %d warm rounds: curl %.1f MB/s [%.1f-%.1f], HttpTransport %.1f MB/s [%.1f-%.1f]%n",
        rounds, median(curls), Collections.min(curls), Collections.max(curls),
        median(javas), Collections.min(javas), Collections.max(javas));
    System.out.printf(
        "ratio HttpTransport/curl: median %.2fx [%.2f-%.2f] (goal >= 0.8x)%n",
        median(ratios), Collections.min(ratios), Collections.max(ratios));
  }

  private static double transport(HttpTransport transport, URI url, byte[] buffer) throws Exception {
    long started = System.nanoTime();
    long total = 0;
    FetchResult result = transport.fetch(url, Long.MAX_VALUE);
    if (!(result instanceof FetchResult.Found found)) {
      throw new IllegalStateException("not found: " + url);
    }
    try (InputStream in = found.body()) {
      for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
        total += n;
      }
    }
    return total / ((System.nanoTime() - started) / 1e9) / 1e6;
  }

  private static double curl(URI url) throws Exception {
    Process p =
        new ProcessBuilder("curl", "-s", "-f", "-o", "/dev/null", "-w", "%{speed_download}", url.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("curl failed: " + out);
    }
    return Double.parseDouble(out) / 1e6;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
