#!/bin/bash
# Byte-identical check of two builds (the old one copied aside before a change):
# the 15 corpus schemas, the examples and the templates at 2,000 rows (seed 1),
# as a plain script (-j 1), COPY text at -j 1 and -j 2, and the templates as a
# custom archive (-Z 1, its header's time fixed by --seed's reference time).
# Usage: scripts/byte-identical.sh OLD_ROOT [NEW_ROOT] (roots holding dist/); exit 1 on any difference.
set -u
old=$1; new=${2:-$(cd "$(dirname "$0")/.." && pwd)}
corpus=${CORPUS:-/work/shared/corpus}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
fail=0; n=0
run() { # root file args...
  local root=$1 file=$2; shift 2
  node "$root/dist/cli/main.js" generate "$@" --seed 1 -f "$file" >/dev/null 2>"$file.err"
  echo "rc=$?" >>"$file.err"
}
check() { # label args...
  local label=$1; shift
  run "$old" "$out/a" "$@"; run "$new" "$out/b" "$@"
  n=$((n + 1))
  if ! cmp -s "$out/a" "$out/b" || ! cmp -s "$out/a.err" "$out/b.err"; then
    echo "DIFFERS: $label ($*)"; fail=1
  fi
}
for f in "$corpus"/*.sql "$new"/examples/*.sql "$new"/examples/*.yaml; do
  check "$(basename "$f") plain" "$f" --rows 2000 -j 1
  check "$(basename "$f") copy -j 2" "$f" --rows 2000 -F copy -j 2
done
for t in ecommerce finance medical tpch; do
  check "template $t plain" --template "$t" --rows 2000 -j 1
  check "template $t copy -j 1" --template "$t" --rows 2000 -F copy -j 1
  check "template $t copy -j 2" --template "$t" --rows 2000 -F copy -j 2
done
echo "$n comparisons, $([ $fail = 0 ] && echo 'all byte-identical' || echo 'differences above')"
exit $fail
