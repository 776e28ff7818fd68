# Shared by the launchers in bin/ (sourced, not a command).

# find_jar TARGET MODULE: sets jar to MODULE's jar in TARGET (not its -sources or -tests jar), or to
# "" if there is none. Shell built-ins only.
find_jar() {
  jar=""
  local f
  for f in "$1/$2"-*.jar; do
    case "$f" in *-sources.jar | *-tests.jar) continue ;; esac
    [ -f "$f" ] && jar="$f" && return 0
  done
  return 0
}

# unsigned_lib TARGET NAME: sets lib to TARGET/NAME, copies of the runtime jars in TARGET/lib with
# their signatures removed (zip -d) and their manifests cut to the main section (below), refreshed
# when a jar there or $jar is newer than the copies.
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
      manifest_main_section "$j"
    done
    rm -rf "$copies" && mv "$tmp" "$copies" 2>/dev/null || rm -rf "$tmp"
  fi
  lib="$copies"
  [ -d "$lib" ] || lib="$target/lib"
}

# manifest_main_section JAR: keeps only the main section of JAR's manifest. A signed jar's manifest
# also lists every entry with its digest (bcprov's: 855 KB for 6,227 entries), which the signature
# removed above made meaningless, and the JVM reads and parses the whole manifest on every start
# (for the class path and multi-release attributes) even when every class comes from the AOT cache.
manifest_main_section() {
  local dir="$1.manifest" size
  command -v unzip > /dev/null || return 0
  # A jar without a manifest (unzip exits 11) is left as it is.
  size="$(unzip -Z -l "$1" META-INF/MANIFEST.MF 2> /dev/null | awk '$NF == "META-INF/MANIFEST.MF" {print $4}')" \
    || return 0
  [ -n "$size" ] && [ "$size" -gt 4096 ] || return 0
  rm -rf "$dir" && mkdir -p "$dir/META-INF"
  # The main section ends at the first empty line (CRLF or LF); awk reads on to the end, so that
  # unzip never writes into a closed pipe.
  unzip -p "$1" META-INF/MANIFEST.MF | awk 'end { next } /^\r?$/ { end = 1; next } { print }' \
    > "$dir/META-INF/MANIFEST.MF"
  printf '\r\n' >> "$dir/META-INF/MANIFEST.MF"
  (cd "$dir" && zip -q "$1" META-INF/MANIFEST.MF)
  rm -rf "$dir"
}

# classpath_fingerprint JAVA: prints what the JVM checks a class-data archive or AOT cache against:
# the class path ($cp), and the size and time of each jar ($jar and $lib/*.jar) and of the java
# binary JAVA. A launcher keeps it beside its archive and uses the archive only while it matches.
classpath_fingerprint() {
  printf '%s\n' "$cp"
  stat -L -c '%n %s %Y' "$1" "$jar" "$lib"/*.jar
}

# record_archive ARCHIVE FINGERPRINT JAVA ARGS...: runs JAVA ARGS... recording an AppCDS archive of
# the classes it loads under a temporary name, and keeps it as ARCHIVE, with FINGERPRINT beside it
# (ARCHIVE.classpath), only after a run that succeeded: a run killed while the JVM writes the
# archive at exit leaves a truncated file, and mapping one crashes the next start (SIGBUS).
# Returns the run's exit status.
record_archive() {
  local archive="$1" fingerprint="$2" java="$3" tmp="$1.tmp.$$" status
  shift 3
  rm -f "$archive" "$archive.classpath"
  set +e
  "$java" -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off -Xlog:cds+dynamic=off "$@"
  status=$?
  set -e
  if [ "$status" = 0 ] && [ -s "$tmp" ]; then
    mv "$tmp" "$archive" && printf '%s\n' "$fingerprint" > "$archive.classpath"
  fi
  rm -f "$tmp"
  return "$status"
}
