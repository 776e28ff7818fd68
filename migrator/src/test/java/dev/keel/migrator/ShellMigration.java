package dev.keel.migrator;

import java.nio.file.Path;

/**
 * Migrations as shell scripts, for tests about the migrator rather than the SDK (no JVM start
 * each): the script checks the exact arguments of §5.5, copies the source datastore to the target,
 * and records itself: forward sets the key {@code applied."<name>"} to true, backward removes it,
 * and both append "{@code <name> <direction>}" to a log file.
 */
final class ShellMigration {
  private ShellMigration() {}

  static String script(String name, Path log, String extra) {
    return """
        #!/bin/sh
        set -eu
        [ $# -eq 5 ] || { echo "want 5 arguments, got $#" >&2; exit 2; }
        case "$1" in --forward) way=forward;; --backward) way=backward;; *) echo "bad $1" >&2; exit 2;; esac
        [ "$2" = --source-datastore ] && [ "$4" = --target-datastore ] || { echo "bad arguments" >&2; exit 2; }
        src="$3"; dst="$5"
        [ ! -e "$dst" ] || { echo "target exists" >&2; exit 1; }
        cp -a "$src" "$dst"
        echo "NAME $way" >> "LOG"
        file="$dst/live/applied/$(echo NAME | sed 's/[.]/%2E/g')"
        if [ "$way" = forward ]; then
          mkdir -p "$dst/live/applied"; printf true > "$file"
        else
          rm -f "$file"; rmdir "$dst/live/applied" 2>/dev/null || true
        fi
        EXTRA
        """
        .replace("NAME", name)
        .replace("LOG", log.toString())
        .replace("EXTRA", extra);
  }

  static String script(String name, Path log) {
    return script(name, log, "");
  }
}
