#!/usr/bin/env bash
# Migrator benchmark: a datastore of KEYS keys migrated across 3 hops (one migration each), against
# copying the same tree with `cp -a`, in the same run.
# Usage: bench/migrator/run.sh          (env: KEYS=10000 RUNS=3 BENCH_OUT=dir; needs hyperfine)
# Not a test. Hosts and results go to BENCH_OUT, by default bench/out/migrator (git-ignored);
# BENCH_OUT=/dev/shm/keel-migrator measures on tmpfs, away from a busy disk.
set -euo pipefail
KEYS="${KEYS:-10000}"
RUNS="${RUNS:-3}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${BENCH_OUT:-$ROOT/bench/out/migrator}"
rm -rf "$OUT"
mkdir -p "$OUT/classes"

echo "building the migrator (package, no tests; nothing is installed)" >&2
(cd "$ROOT" && ./mvnw -q -pl migrator -am package -DskipTests)
CP="$(ls "$ROOT"/migrator/target/migrator-*.jar | grep -v -e -tests -e -sources | head -n 1):$ROOT/migrator/target/lib/*"
javac -d "$OUT/classes" -cp "$CP" "$ROOT/bench/migrator/MigratorBench.java"

for kind in sdk shell; do
  java -cp "$OUT/classes:$CP" MigratorBench setup "$OUT/host-$kind" "$KEYS" "$kind"
  cp -a "$OUT/host-$kind/var/lib/bottlerocket/datastore" "$OUT/pristine-$kind"
done
ds="$(readlink -f "$OUT/pristine-sdk/current")"
echo "datastore: $(find "$ds" -type f | wc -l) files, $(du -sh "$ds" | cut -f1)" >&2

reset() { echo "rm -rf $OUT/host-$1/var/lib/bottlerocket/datastore && cp -a $OUT/pristine-$1 $OUT/host-$1/var/lib/bottlerocket/datastore"; }
# One checked run of each first, with its output, so that a failure shows why.
for kind in shell sdk; do
  eval "$(reset $kind)"
  "$ROOT/bin/migrator" --root "$OUT/host-$kind" --migrate-to-version-from-os-release
done
hyperfine --runs "$RUNS" --export-markdown "$OUT/results.md" \
  --prepare "rm -rf $OUT/copy" -n "cp -a of the datastore (reference)" "cp -a $ds $OUT/copy" \
  --prepare "rm -rf $OUT/copy" -n "3 x cp -a" "cp -a $ds $OUT/copy && cp -a $OUT/copy $OUT/copy2 && cp -a $OUT/copy2 $OUT/copy3 && rm -rf $OUT/copy2 $OUT/copy3" \
  --prepare "$(reset shell)" -n "migrator, 3 shell cp -a migrations" \
    "$ROOT/bin/migrator --root $OUT/host-shell --migrate-to-version-from-os-release --log-level error" \
  --prepare "$(reset sdk)" -n "migrator, 3 SDK migrations (a JVM each)" \
    "$ROOT/bin/migrator --root $OUT/host-sdk --migrate-to-version-from-os-release --log-level error"
# A last run, checked: the final datastore has the migrated values.
eval "$(reset sdk)"
"$ROOT/bin/migrator" --root "$OUT/host-sdk" --migrate-to-version-from-os-release
"$ROOT/bin/datastore" --root "$OUT/host-sdk" get settings.motd
"$ROOT/bin/datastore" --root "$OUT/host-sdk" get settings.group0.renamed
"$ROOT/bin/datastore" --root "$OUT/host-sdk" get settings.group1.key1
cat "$OUT/results.md"
