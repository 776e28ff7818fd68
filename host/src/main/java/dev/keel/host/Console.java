package dev.keel.host;

import java.io.PrintStream;

/**
 * What a boot shows: the boot steps' results on {@code out} and their diagnostics on {@code err}
 * (on a real machine, the console and the journal of each unit).
 */
public record Console(PrintStream out, PrintStream err) {}
