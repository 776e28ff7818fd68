import dev.keel.tuftool.TufClient;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ScopeType;

/**
 * One cold measurement per JVM: the time from main to parsed arguments for tuf-client's command
 * line, built from its annotations ({@code annotated}) or the same options and commands built in
 * code ({@code programmatic}). Prints "MODE N ms".
 */
public final class ModelProbe {
  public static void main(String[] args) {
    String mode = args[0];
    String[] line = List.of(args).subList(1, args.length).toArray(String[]::new);
    long start = System.nanoTime();
    CommandLine cl;
    if (mode.equals("annotated")) {
      PrintStream none = new PrintStream(OutputStream.nullOutputStream());
      cl = new CommandLine(new TufClient(Clock.systemUTC(), none, none));
    } else {
      CommandSpec spec = CommandSpec.create().name("tuf-client");
      spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).build());
      spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).build());
      for (String name : List.of("--metadata-dir", "--metadata-url", "--target-dir", "--target-base-url")) {
        spec.addOption(OptionSpec.builder(name).type(Path.class).scopeType(ScopeType.INHERIT).build());
      }
      spec.addOption(OptionSpec.builder("--target-name").type(List.class).auxiliaryTypes(String.class)
          .scopeType(ScopeType.INHERIT).build());
      CommandSpec init = CommandSpec.create().addOption(OptionSpec.builder("-h", "--help").usageHelp(true).build());
      init.addPositional(PositionalParamSpec.builder().type(Path.class).build());
      spec.addSubcommand("init", init);
      for (String name : List.of("refresh", "download")) {
        spec.addSubcommand(name, CommandSpec.create().addOption(OptionSpec.builder("-h", "--help").usageHelp(true).build()));
      }
      cl = new CommandLine(spec);
    }
    cl.parseArgs(line);
    System.out.printf("%s %d ms%n", mode, (System.nanoTime() - start) / 1_000_000);
  }
}
