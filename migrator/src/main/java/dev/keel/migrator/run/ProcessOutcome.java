package dev.keel.migrator.run;

/** How a migration process ended: its exit code and what it printed (each capped). */
public record ProcessOutcome(int exitCode, String stdout, String stderr) {}
