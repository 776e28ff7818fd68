package dev.keel.updog;

import dev.keel.tuf.transport.HttpSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything updog takes from the world outside its arguments, so that a test can run it whole.
 *
 * @param defaultRoot where host paths start without {@code --root} ({@code /})
 * @param environment for the proxy variables
 * @param terminal whether stderr is a terminal (progress bars only then)
 * @param arch the architecture as manifests spell it ({@code x86_64}, {@code aarch64})
 */
public record UpdogEnvironment(
    Clock clock,
    PrintStream out,
    PrintStream err,
    Map<String, String> environment,
    boolean terminal,
    Path defaultRoot,
    String arch,
    HttpSettings http) {

  public UpdogEnvironment {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(defaultRoot, "defaultRoot");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(http, "http");
  }

  /** This process: the system clock, stdout and stderr, the root file system. */
  public static UpdogEnvironment system() {
    return new UpdogEnvironment(
        Clock.systemUTC(),
        System.out,
        System.err,
        System.getenv(),
        System.console() != null,
        Path.of("/"),
        manifestArch(System.getProperty("os.arch")),
        HttpSettings.defaults());
  }

  /** The JVM's {@code os.arch} as Bottlerocket names it. */
  static String manifestArch(String osArch) {
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> osArch;
    };
  }
}
