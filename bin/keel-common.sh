# Shared by the launchers in bin/ (sourced, not a command).

# unsigned_lib TARGET NAME: sets lib to TARGET/NAME, copies of the runtime jars in TARGET/lib with
# their signatures removed (zip -d), refreshed when a jar there or $jar is newer than the copies.
# Bouncy Castle's jars are signed: the JVM verifies a signed jar when it first loads a class from
# it, about 250 ms of CPU per start for bcprov, and classes from signed jars cannot be archived
# for CDS. We use Bouncy Castle's lightweight API and never register it as a JCA provider, so the
# signature has no role; the jars themselves come from Maven's checksummed download. Without
# `zip`, lib stays TARGET/lib, the signed jars as they are. Only shell built-ins on the usual path
# (a start costs no helper processes).
unsigned_lib() {
  local target="$1" copies="$1/$2" j stale=""
  if [ ! -d "$copies" ] || [ "$jar" -nt "$copies" ]; then
    stale=1
  else
    for j in "$target"/lib/*; do [ "$j" -nt "$copies" ] && stale=1 && break; done
  fi
  if [ -n "$stale" ] && command -v zip > /dev/null; then
    local tmp="$copies.tmp.$$"
    rm -rf "$tmp" && cp -r "$target/lib" "$tmp"
    for j in "$tmp"/*.jar; do
      # Exit code 12 ("nothing to do") for unsigned jars is fine.
      zip -q -d "$j" 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/*.EC' > /dev/null 2>&1 || true
    done
    rm -rf "$copies" && mv "$tmp" "$copies" 2>/dev/null || rm -rf "$tmp"
  fi
  lib="$copies"
  [ -d "$lib" ] || lib="$target/lib"
}

# classpath_fingerprint JAVA: prints what the JVM checks a class-data archive or AOT cache against:
# the class path ($cp), and the size and time of each jar ($jar and $lib/*.jar) and of the java
# binary JAVA. A launcher keeps it beside its archive and uses the archive only while it matches.
classpath_fingerprint() {
  printf '%s\n' "$cp"
  stat -L -c '%n %s %Y' "$1" "$jar" "$lib"/*.jar
}
