#!/usr/bin/env bash
# The national-scale scenario: 100 M citizens, 80 M shots, the whole pipeline, with wall
# time and peak memory per stage. Needs about 60 GB of free disk and 12 GB of memory.
# Usage: ops/bench-national.sh [DIR]   (default: ./national-bench)
# REUSE_DATA=1 keeps DIR/data from an earlier run with the same CITIZENS and SHOTS
# (generating it takes 3-8 minutes); the run folder DIR/run is always made anew.
set -euo pipefail
dir=${1:-national-bench}
bin=${BIN:-.build/release/vaxlink}  # BIN: another build, e.g. a copy that later builds do not replace
citizens=${CITIZENS:-100000000}
shots=${SHOTS:-80000000}
mkdir -p "$dir"
free_kb=$(df -Pk "$dir" | awk 'NR==2 {print $4}')
need_gb=60  # data 16 GB, store 2 GB, ledger 10 GB, decisions 6 GB, decisions waiting on disk up to 25 GB
if [ -n "${REUSE_DATA:-}" ] && [ -f "$dir/data/truth.csv" ]; then need_gb=45; fi
if [ "$free_kb" -lt $((need_gb * 1024 * 1024)) ] && [ -z "${FORCE:-}" ]; then
    echo "bench-national: $dir has $((free_kb / 1024 / 1024)) GB free; about $need_gb GB are needed (FORCE=1 to try anyway)" >&2
    exit 1
fi
stage() {  # name, then the command; prints wall and CPU seconds and peak RSS; stops on failure
    local name=$1; shift
    local log="$dir/${name// /-}.log"
    if ! /usr/bin/time -o "$dir/.stage-time" -f "$name: %e s wall, %U s user, %S s system, %M KB peak" "$@" >/dev/null 2>"$log"; then
        echo "bench-national: $name failed; its messages are in $log:" >&2
        tail -5 "$log" >&2
        exit 1
    fi
    tee -a "$dir/bench.txt" < "$dir/.stage-time"
}
echo "national bench on $(nproc) cores, $citizens citizens, $shots shots ($(date -u))" | tee "$dir/bench.txt"
if [ -n "${REUSE_DATA:-}" ] && [ -f "$dir/data/truth.csv" ]; then
    echo "generate: reusing $dir/data" | tee -a "$dir/bench.txt"
else
    stage generate "$bin" generate --citizens "$citizens" --shots "$shots" --seed 2022 --out "$dir/data" --quiet
fi
rm -rf "$dir/run"
stage "store build" "$bin" store build --population "$dir/data/population.csv" --out "$dir/run/store" --quiet
stage match "$bin" match --store "$dir/run/store" --shots "$dir/data/shots.csv" --ledger "$dir/run/ledger.sqlite" \
    --out "$dir/run" --quiet --demo-key
stage "ledger verify" "$bin" ledger verify "$dir/run/ledger.sqlite" --checkpoint "$dir/run/checkpoint" \
    --public-key "$dir/run/ledger.sqlite.pub"
/usr/bin/time -f "evaluate: %e s wall, %M KB peak" "$bin" evaluate --decisions "$dir/run/decisions.csv" \
    --truth "$dir/data/truth.csv" > "$dir/evaluate.txt" 2> "$dir/evaluate.time"
tail -1 "$dir/evaluate.time" | tee -a "$dir/bench.txt"
head -2 "$dir/evaluate.txt" | tee -a "$dir/bench.txt"
echo "results in $dir/bench.txt"
