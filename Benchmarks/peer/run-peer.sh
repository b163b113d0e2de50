#!/usr/bin/env bash
# make bench-peer: vaxlink against Splink 5 on the same generated data, both timed as whole
# processes with /usr/bin/time, both scored against the answer key. See Benchmarks/peer/README.md.
# Usage: Benchmarks/peer/run-peer.sh   (CITIZENS, SHOTS, SEED and PEER_DIR override the defaults)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
citizens=${CITIZENS:-1000000}
shots=${SHOTS:-800000}
seed=${SEED:-1}
dir=${PEER_DIR:-$root/Benchmarks/.data/peer-$citizens-$shots-$seed}
venv=$root/Benchmarks/.venv-peer
bin=${VAXLINK:-$root/.build/release/vaxlink}

# The peer's environment: a virtual environment with pinned versions from PyPI.
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import splink, duckdb" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet -r "$here/requirements.txt"
fi
[ -x "$bin" ] || (cd "$root" && swift build -c release --product vaxlink)

mkdir -p "$dir"
if [ ! -f "$dir/data/truth.csv" ]; then
    "$bin" generate --citizens "$citizens" --shots "$shots" --seed "$seed" --out "$dir/data" --quiet
fi
timed() {  # name, then the command: appends "name wall user sys peakKB" to $dir/times.txt
    local name=$1; shift
    /usr/bin/time -o "$dir/time-$name.txt" -f "%e %U %S %M" "$@" > "$dir/log-$name.txt" 2>&1 \
        || { echo "bench-peer: $name failed, see $dir/log-$name.txt" >&2; exit 1; }
    echo "$name $(tail -1 "$dir/time-$name.txt")" >> "$dir/times.txt"
}
: > "$dir/times.txt"
# vaxlink: the whole run, store build included (a fresh output folder, so nothing is reused).
rm -rf "$dir/vaxlink-out"
timed vaxlink "$bin" run --population "$dir/data/population.csv" --shots "$dir/data/shots.csv" --out "$dir/vaxlink-out"
# Splink: cleaning, training, prediction and the per-shot decision, in one process.
timed splink "$venv/bin/python" "$here/splink_link.py" "$dir/data/population.csv" "$dir/data/shots.csv" \
    "$dir/splink-decisions.csv"

echo "peer benchmark: $citizens citizens, $shots shots, seed $seed, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%F))"
printf '%-10s %9s %9s %10s %11s %9s %8s\n' tool "wall s" "CPU s" "peak MB" precision recall review
while read -r name wall user sys kb; do
    case $name in
        vaxlink) decisions="$dir/vaxlink-out/decisions.csv" ;;
        splink) decisions="$dir/splink-decisions.csv" ;;
    esac
    read -r p r v _ < <("$venv/bin/python" "$here/score.py" "$decisions" "$dir/data/truth.csv")
    printf '%-10s %9.1f %9.1f %10.0f %11s %9s %7.3f%%\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" \
        "$(echo "$kb / 1024" | bc)" "$p" "$r" "$(echo "$v * 100" | bc -l)"
done < "$dir/times.txt"
