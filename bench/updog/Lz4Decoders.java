import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/**
 * The LZ4 frame decoders updog could use, on the same frame, each decoding the first LIMIT bytes
 * of output (the whole image by default) into a 1 MiB buffer; prints MB/s of decompressed output.
 * usage: java -cp ... Lz4Decoders FILE.lz4 LIMIT_BYTES ROUNDS
 */
public final class Lz4Decoders {
  interface Decoder {
    InputStream open(InputStream in) throws IOException;
  }

  public static void main(String[] args) throws Exception {
    String file = args[0];
    long limit = Long.parseLong(args[1]);
    int rounds = Integer.parseInt(args[2]);
    System.out.println("lz4-java fastestInstance: " + LZ4Factory.fastestInstance());
    for (int r = 1; r <= rounds; r++) {
      run("lz4-java LZ4FrameInputStream", file, limit, LZ4FrameInputStream::new);
      run("commons-compress FramedLZ4CompressorInputStream", file, Math.min(limit, 256L << 20),
          FramedLZ4CompressorInputStream::new);
    }
  }

  private static void run(String name, String file, long limit, Decoder decoder) throws IOException {
    byte[] buf = new byte[1 << 20];
    long total = 0;
    long start = System.nanoTime();
    try (InputStream in = decoder.open(new BufferedInputStream(new FileInputStream(file), 1 << 20))) {
      while (total < limit) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, limit - total));
        if (n < 0) {
          break;
        }
        total += n;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%-50s %6.0f MB/s (%d MB in %.2f s)%n", name, total / 1e6 / seconds, total / 1000000, seconds);
  }
}
