package dev.keel.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The argument parser every Keel command-line tool shares: small and reflection-free, because
 * start-up time matters (tuf-client runs hundreds of times in a row). Options are declared as {@code "-r/--root"} spellings; values follow as the next
 * argument or after {@code =}; options may repeat; everything else is positional.
 */
public final class CommandLine {
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> positionals = new ArrayList<>();

  private CommandLine() {}

  /**
   * @param valueOptions options that take a value, e.g. {@code "-r/--root"}
   * @param flags options without a value, e.g. {@code "-f/--follow"}
   */
  public static CommandLine parse(List<String> args, Set<String> valueOptions, Set<String> flags) throws UsageException {
    Map<String, String> canonical = new LinkedHashMap<>();
    for (String spec : valueOptions) {
      for (String spelling : spec.split("/")) {
        canonical.put(spelling, spec);
      }
    }
    Map<String, String> flagNames = new LinkedHashMap<>();
    for (String spec : flags) {
      for (String spelling : spec.split("/")) {
        flagNames.put(spelling, spec);
      }
    }
    CommandLine cl = new CommandLine();
    boolean onlyPositionals = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (onlyPositionals || !a.startsWith("-") || a.equals("-")) {
        cl.positionals.add(a);
        continue;
      }
      if (a.equals("--")) {
        onlyPositionals = true;
        continue;
      }
      String name = a;
      String inline = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        inline = a.substring(eq + 1);
      }
      if (flagNames.containsKey(name) && inline == null) {
        cl.values.computeIfAbsent(flagNames.get(name), k -> new ArrayList<>()).add("true");
      } else if (canonical.containsKey(name)) {
        String value = inline;
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException("option " + name + " needs a value");
          }
          value = args.get(++i);
        }
        cl.values.computeIfAbsent(canonical.get(name), k -> new ArrayList<>()).add(value);
      } else {
        throw new UsageException("unknown option " + name);
      }
    }
    return cl;
  }

  public Optional<String> value(String spec) throws UsageException {
    List<String> v = values.getOrDefault(spec, List.of());
    if (v.size() > 1) {
      throw new UsageException("option " + spec + " given more than once");
    }
    return v.stream().findFirst();
  }

  public String required(String spec) throws UsageException {
    return value(spec).orElseThrow(() -> new UsageException("missing required option " + spec));
  }

  public List<String> all(String spec) {
    return List.copyOf(values.getOrDefault(spec, List.of()));
  }

  public boolean flag(String spec) {
    return values.containsKey(spec);
  }

  public List<String> positionals() {
    return List.copyOf(positionals);
  }

  public String positional(int index, String name) throws UsageException {
    if (index >= positionals.size()) {
      throw new UsageException("missing argument " + name);
    }
    return positionals.get(index);
  }

  public void expectPositionals(int min, int max, String usage) throws UsageException {
    if (positionals.size() < min || positionals.size() > max) {
      throw new UsageException("usage: " + usage);
    }
  }

  public static long parseLong(String value, String what) throws UsageException {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(what + " must be a whole number, got '" + value + "'");
    }
  }
}
