#!/bin/bash
# A real single-node Slurm cluster in a temporary folder: munged, slurmctld and slurmd with
# a generated configuration; submits the array and the dependent seal job on a small
# generated set, checks the sealed decisions.csv against a single run, then kills an array
# task mid-run, resubmits it and checks that it resumed. The daemons are stopped by their
# pid files on every exit. Exit 77 (skip) with a message where it cannot run.
#   selftest.sh VAXLINK_BINARY
set -uo pipefail
BIN=$(readlink -f "${1:?usage: selftest.sh VAXLINK_BINARY}")
skip() { echo "slurm selftest: SKIP: $*" >&2; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (slurmd, munged)"
for c in munged mungekey slurmctld slurmd sbatch squeue scontrol scancel; do
    command -v "$c" >/dev/null || skip "$c not installed (apt-get install slurm-wlm munge; ops/ensure-deps.sh)"
done
T=$(mktemp -d /tmp/vaxlink-slurm.XXXXXX)
chmod 755 "$T"
cleanup() {
    for p in slurmd slurmctld munged; do
        [ -f "$T/$p.pid" ] && kill "$(cat "$T/$p.pid")" 2>/dev/null
    done
    sleep 1
    for p in slurmd slurmctld munged; do
        [ -f "$T/$p.pid" ] && kill -9 "$(cat "$T/$p.pid")" 2>/dev/null
    done
    [ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT
fail() { echo "slurm selftest: FAIL: $*" >&2; for f in "$T"/*.log "$T"/logs/*; do [ -f "$f" ] && { echo "== $f"; tail -5 "$f"; } >&2; done; exit 1; }
port=$((17000 + $$ % 2000))
mkdir -p "$T/state" "$T/spool" "$T/logs"
mungekey -c -k "$T/munge.key" 2>/dev/null || dd if=/dev/urandom of="$T/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$T/munge.key"
munged --force --key-file="$T/munge.key" --socket="$T/munge.socket" --pid-file="$T/munged.pid" \
    --log-file="$T/munged.log" --seed-file="$T/munge.seed" || fail "munged did not start"
mem=$(awk '/MemTotal/ {print int($2 / 1024 / 2)}' /proc/meminfo)
cat > "$T/slurm.conf" <<CONF
ClusterName=vaxlinktest
SlurmctldHost=localhost
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$T/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmUser=root
SlurmdUser=root
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ReturnToService=2
MpiDefault=none
SchedulerType=sched/backfill
NodeName=localhost CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$T/slurm.conf
slurmctld -f "$T/slurm.conf" || fail "slurmctld did not start"
slurmd -f "$T/slurm.conf" || fail "slurmd did not start"
for _ in $(seq 30); do sinfo -h -o %t 2>/dev/null | grep -qE '^idle' && break; sleep 1; done
sinfo -h -o %t | grep -qE '^idle' || fail "the node did not become idle"

# A small generated set, its store, a key and a single run to compare with.
D=$T/data
"$BIN" generate --citizens 3000 --shots 2500 --seed 5 --out "$D" >/dev/null 2>&1 || fail "generate"
"$BIN" store build --population "$D/population.csv" --out "$D/store" --quiet >/dev/null || fail "store build"
"$BIN" keygen --out "$T/run" >/dev/null 2>&1 || fail "keygen"
"$BIN" match --store "$D/store" --shots "$D/shots.csv" --ledger "$T/single/ledger.sqlite" --out "$T/single" \
    --key "$T/run.key" --quiet >/dev/null || fail "single run"
here=$(cd "$(dirname "$0")" && pwd)
wait_job() { for _ in $(seq 60); do [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0; sleep 1; done; return 1; }
export VAXLINK=$BIN STORE=$D/store SHOTS=$D/shots.csv RUN=$T/run KEY=$T/run.key
read -r array seal < <("$here/submit.sh" 3 --output="$T/logs/%x-%A_%a.out" --chdir="$T") || fail "submit"
wait_job "$seal" || fail "the seal job did not finish"
cmp "$T/run/sealed/decisions.csv" "$T/single/decisions.csv" || fail "sealed decisions.csv differs from the single run's"
"$BIN" ledger verify --seal "$T/run/sealed/seal" >/dev/null || fail "ledger verify --seal"
echo "slurm selftest: array $array + seal $seal: sealed decisions.csv identical to a single run's; seal verifies"

# A killed array task, requeued by the scheduler, resumes: batches of 3 shots make it slow
# enough to catch; the requeued task keeps the array's variables, so it is partition 1/3 again.
export RUN=$T/run2 BATCH_SIZE=3
job=$(sbatch --parsable --export=ALL --array=0-2 --output="$T/logs/kill-%A_%a-%j.out" --chdir="$T" "$here/vaxlink-array.sbatch")
job=${job%%;*}
# Kill it once it has committed batches (the write-ahead log has grown past a few of them),
# however slow the machine or the build (a sanitizer build is many times slower). Creating
# the ledger alone writes about 96 KB to the log (16 KiB pages: schema, run header), so the
# bar is 256 KB: measured, the first batch's commit takes the log to 128 KB and 256 KB
# holds four (at 64 KB the kill could come before any batch, under load, and the requeued
# task then had nothing to resume).
for _ in $(seq 1200); do
    [ "$(stat -c %s "$T/run2/part-1/ledger.sqlite-wal" 2>/dev/null || echo 0)" -gt 262144 ] && break
    sleep 0.05
done
sleep 0.2
scancel --signal=KILL --full "${job}_1" || fail "scancel"
for _ in $(seq 60); do squeue -h -j "${job}_1" -t R 2>/dev/null | grep -q . || break; sleep 0.5; done
[ -f "$T/run2/part-1/partition" ] && fail "the task finished before it could be killed"
sleep 1
scontrol requeue "${job}_1" || fail "scontrol requeue"
# Slurm holds a requeued job for about two minutes (BeginTime); start it now.
scontrol update JobId="${job}_1" StartTime=now || fail "scontrol update StartTime"
wait_job "$job" || { scontrol show job "${job}_1" | grep -E "JobState|Reason|BeginTime" >&2; fail "the requeued task did not finish"; }
[ -f "$T/run2/part-1/partition" ] || fail "the requeued task did not finish its partition"
grep -q "resuming" "$T"/logs/kill-"$job"_1-* || fail "the requeued task did not resume"
cmp "$T/run2/part-1/decisions.csv" "$T/run/part-1/decisions.csv" || fail "the resumed partition decided differently"
echo "slurm selftest: a killed array task, requeued, resumed and decided the same"
