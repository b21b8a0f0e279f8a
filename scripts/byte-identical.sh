#!/bin/bash
# Byte-identical check of two builds (the old one copied aside before a change):
# the corpus schemas, the examples and the templates at 2,000 rows (seed 1):
# every input as a plain script (-j 1) and in one more format, taken in turn
# (COPY text at -j 2, csv, jsonl, parquet, a custom archive at -j 1, a
# directory archive at -j 2; ALL_FORMATS=1: every input in all six, about
# twice the time); the templates also as COPY text at -j 1, as csv, jsonl and
# parquet, as a custom archive (-j 1) and a directory archive (-j 1 and -j 2). Table files are compared file by file (manifest
# included). Then examples/shop.sql at 25,000 rows a table (225,000 rows, past
# the generation workers' threshold, run/parallel-threshold.ts) at -j 2 as
# COPY text, chunked CSV files (files end inside the workers' blocks), jsonl,
# parquet, a custom archive and a directory archive (toc.dat and every data
# file). Archives' headers carry a creation time: SOURCE_DATE_EPOCH is fixed
# (1700000000 unless set) so both builds write the same one. About 85
# comparisons, 4 minutes of CPU.
# Usage: scripts/byte-identical.sh OLD_ROOT [NEW_ROOT] (roots holding dist/); exit 1 on any difference.
# A manifest's "generators" field (the generators' version: the two builds'
# defaults may differ) is left out of the comparison and told apart.
set -u
old=$1; new=${2:-$(cd "$(dirname "$0")/.." && pwd)}
corpus=${CORPUS:-/work/shared/corpus}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
fail=0; n=0; versions=
run() { # root file args...
  local root=$1 file=$2; shift 2
  rm -rf "$file"
  node "$root/dist/cli/main.js" generate "$@" --seed 1 -f "$file" >/dev/null 2>"$file.err"
  echo "rc=$?" >>"$file.err"
}
same() { # a b: the same bytes (directories: the same files, each the same bytes); neither made: same
  [ ! -e "$1" ] && [ ! -e "$2" ] && return 0
  if [ -d "$1" ] && [ -d "$2" ]; then
    local g1 g2
    g1=$(grep -s '^  "generators": ' "$1/manifest.json"); g2=$(grep -s '^  "generators": ' "$2/manifest.json")
    if [ "$g1" != "$g2" ]; then
      versions="${g1//[ ,]/} against ${g2//[ ,]/}"
      sed -i '/^  "generators": /d' "$1/manifest.json" "$2/manifest.json"
    fi
    diff -rq "$1" "$2" >/dev/null
  else
    cmp -s "$1" "$2"
  fi
}
check() { # label args...
  local label=$1; shift
  run "$old" "$out/a" "$@"; run "$new" "$out/b" "$@"
  n=$((n + 1))
  if ! same "$out/a" "$out/b" || ! cmp -s "$out/a.err" "$out/b.err"; then
    echo "DIFFERS: $label ($*)"; fail=1
  fi
}
formats=("-F copy -j 2" "-F csv -j 1" "-F jsonl -j 1" "-F parquet -j 1" "-F c -j 1" "-F d -j 2")
i=0
for f in "$corpus"/*.sql "$new"/examples/*.sql "$new"/examples/*.yaml; do
  check "$(basename "$f") plain" "$f" --rows 2000 -j 1
  for k in 0 1 2 3 4 5; do
    [ -z "${ALL_FORMATS:-}" ] && [ $k != $((i % 6)) ] && continue
    # shellcheck disable=SC2086 # the format's options, split
    check "$(basename "$f") ${formats[k]}" "$f" --rows 2000 ${formats[k]}
  done
  i=$((i + 1))
done
for t in ecommerce finance medical tpch; do
  check "template $t plain" --template "$t" --rows 2000 -j 1
  check "template $t copy -j 1" --template "$t" --rows 2000 -F copy -j 1
  [ -n "${ALL_FORMATS:-}" ] && check "template $t copy -j 2" --template "$t" --rows 2000 -F copy -j 2
  for format in csv jsonl parquet; do
    check "template $t $format" --template "$t" --rows 2000 -F "$format" -j 1
  done
  check "template $t custom archive -j 1" --template "$t" --rows 2000 -F c -j 1
  check "template $t directory archive -j 1" --template "$t" --rows 2000 -F d -j 1
  check "template $t directory archive -j 2" --template "$t" --rows 2000 -F d -j 2
done
shop=$new/examples/shop.sql
check "shop.sql 25,000 rows copy -j 2" "$shop" --rows 25000 -F copy -j 2
check "shop.sql 25,000 rows csv -j 2 --chunk-size 300KB" "$shop" --rows 25000 -F csv -j 2 --chunk-size 300KB
check "shop.sql 25,000 rows jsonl -j 2" "$shop" --rows 25000 -F jsonl -j 2
check "shop.sql 25,000 rows parquet -j 2" "$shop" --rows 25000 -F parquet -j 2
check "shop.sql 25,000 rows custom archive -j 2" "$shop" --rows 25000 -F c -j 2
check "shop.sql 25,000 rows directory archive -j 1" "$shop" --rows 25000 -F d -j 1
check "shop.sql 25,000 rows directory archive -j 2" "$shop" --rows 25000 -F d -j 2
[ -n "$versions" ] && echo "note: the manifests' generators fields differ ($versions), left out of the comparison"
echo "$n comparisons, $([ $fail = 0 ] && echo 'all byte-identical' || echo 'differences above')"
exit $fail
