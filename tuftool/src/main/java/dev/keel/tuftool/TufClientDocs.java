package dev.keel.tuftool;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step, not a tool: writes {@code tuf-client}'s bash completion script and AsciiDoc man pages
 * from its {@link TufClient#commandSpec() command spec}, which picocli's generators cannot find by
 * class name because it is built in code. Needs picocli-codegen (a build-time dependency) on the
 * class path.
 *
 * <pre>TufClientDocs COMPLETION_SCRIPT MAN_ADOC_DIR</pre>
 */
final class TufClientDocs {
  private TufClientDocs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: TufClientDocs COMPLETION_SCRIPT MAN_ADOC_DIR");
    }
    CommandLine commandLine = new CommandLine(new TufClient().commandSpec());
    Files.writeString(
        Path.of(args[0]), AutoComplete.bash("tuf-client", commandLine), StandardCharsets.UTF_8);
    int status =
        ManPageGenerator.generateManPage(
            new File(args[1]), null, new boolean[0], true, commandLine.getCommandSpec());
    if (status != 0) {
      throw new IOException("man page generator exited " + status);
    }
  }
}
