import dev.keel.tuf.transport.FetchResult;
import dev.keel.tuf.transport.HttpTransport;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * updog's pipeline stages one at a time, single thread, in one JVM (second round warm):
 * download (our HTTP client), download + SHA-256, LZ4 decode from a file, LZ4 decode + write +
 * fsync into a file. usage: java -cp ... Stages URL FILE.lz4 OUT_FILE
 */
public final class Stages {
  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    for (int round = 1; round <= 2; round++) {
      System.out.println("round " + round);
      time("download", () -> drain(open(url), null));
      time("download + SHA-256", () -> drain(open(url), MessageDigest.getInstance("SHA-256")));
      time("LZ4 decode (file in page cache)", () -> drain(new LZ4FrameInputStream(
          new BufferedInputStream(new FileInputStream(args[1]), 1 << 20)), null));
      time("LZ4 decode + write + fsync", () -> {
        try (InputStream in = new LZ4FrameInputStream(new BufferedInputStream(new FileInputStream(args[1]), 1 << 20));
             FileChannel out = FileChannel.open(Path.of(args[2]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          byte[] buf = new byte[1 << 20];
          long total = 0;
          for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) {
              total += out.write(b, total);
            }
          }
          out.force(true);
          return total;
        }
      });
    }
  }

  interface Stage {
    long run() throws Exception;
  }

  static InputStream open(URI url) throws Exception {
    return ((FetchResult.Found) HttpTransport.fromEnvironment().fetch(url, Long.MAX_VALUE)).body();
  }

  static long drain(InputStream in, MessageDigest md) throws Exception {
    byte[] buf = new byte[1 << 20];
    long total = 0;
    try (in) {
      for (int n; (n = in.read(buf)) > 0; ) {
        if (md != null) {
          md.update(buf, 0, n);
        }
        total += n;
      }
    }
    return total;
  }

  static void time(String name, Stage stage) throws Exception {
    long start = System.nanoTime();
    long bytes = stage.run();
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf("  %-36s %6.0f MB/s (%d MB in %.2f s)%n", name, bytes / 1e6 / s, bytes / 1000000, s);
  }
}
