package dev.keel.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Ready-made migrations written as text, one step a line, so that a migration needs no Java code at
 * all ({@code migration-pack --add-setting ...} writes this file into the executable):
 *
 * <pre>
 * add      KEY  JSON-DEFAULT
 * remove   KEY
 * rename   OLD-KEY  NEW-KEY
 * replace  KEY  OLD-JSON  NEW-JSON
 * </pre>
 *
 * Fields are separated by one tab, or else by spaces (then only the last field may hold spaces);
 * blank lines and lines starting with {@code #} are ignored. The steps run in order forward and in
 * reverse backward. {@link #main} is the entry point of such an executable: it reads the steps from
 * the resource {@value #RESOURCE}.
 */
public final class MigrationSteps {
  /** Where a packaged executable keeps its steps. */
  public static final String RESOURCE = "META-INF/keel-migration/steps";

  private MigrationSteps() {}

  public static void main(String[] args) throws IOException {
    Migration migration;
    try (InputStream in = MigrationSteps.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        System.err.println("migration: this executable has no " + RESOURCE);
        System.exit(1);
        return;
      }
      migration = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      System.err.println("migration: bad " + RESOURCE + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    System.exit(Migrations.run(List.of(args), System.out, System.err, migration));
  }

  /**
   * Parses steps text into one migration.
   *
   * @throws IllegalArgumentException naming the line that is wrong
   */
  public static Migration parse(String text) {
    List<Migration> steps = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        steps.add(step(split(line)));
      } catch (IllegalArgumentException | JsonProcessingException e) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " '" + line + "': " + e.getMessage(), e);
      }
    }
    return Migration.sequence(steps.toArray(Migration[]::new));
  }

  private static final java.util.Map<String, Integer> FIELDS =
      java.util.Map.of("add", 3, "remove", 2, "rename", 3, "replace", 4);

  private static String[] split(String line) {
    if (line.indexOf('\t') >= 0) {
      return line.split("\t", -1);
    }
    String kind = line.split(" +", 2)[0];
    return line.split(" +", FIELDS.getOrDefault(kind, 0));
  }

  private static Migration step(String[] f) throws JsonProcessingException {
    return switch (f[0]) {
      case "add" -> {
        fields(f, 3);
        yield new AddSetting(f[1], Settings.parse(f[2]));
      }
      case "remove" -> {
        fields(f, 2);
        yield new RemoveSetting(f[1]);
      }
      case "rename" -> {
        fields(f, 3);
        yield new RenameSetting(f[1], f[2]);
      }
      case "replace" -> {
        fields(f, 4);
        yield new ReplaceValue(f[1], Settings.parse(f[2]), Settings.parse(f[3]));
      }
      default ->
          throw new IllegalArgumentException(
              "unknown step '" + f[0] + "' (add, remove, rename, replace)");
    };
  }

  private static void fields(String[] f, int n) {
    if (f.length != n) {
      throw new IllegalArgumentException(
          "'" + f[0] + "' takes " + (n - 1) + " tab-separated fields, got " + (f.length - 1));
    }
  }
}
