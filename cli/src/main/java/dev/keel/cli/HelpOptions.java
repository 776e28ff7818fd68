package dev.keel.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -h/--help} on a command and every subcommand below it, {@code -V/--version} on the command
 * itself: for tools whose subcommands have a {@code --version} option of their own ({@code tuftool
 * root init --version N}, {@code pubsys repo --version X}), where {@code mixinStandardHelpOptions}
 * on every subcommand would clash. Declare it once on the top-level command: {@code @Mixin
 * HelpOptions help;}, with {@code versionProvider = KeelVersion.class}.
 */
public final class HelpOptions {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "Print version information and exit.")
  boolean version;
}
