#!/bin/bash
# Submits a partitioned vaxlink run on a Slurm cluster: N array tasks, then the seal job
# that runs only if all of them succeeded. Prints the two job IDs.
#   STORE=... SHOTS=... RUN=... KEY=... [VAXLINK=...] [BATCH_SIZE=...] submit.sh N [sbatch options...]
set -euo pipefail
N=${1:?usage: submit.sh N [sbatch options]}; shift
here=$(cd "$(dirname "$0")" && pwd)
array=$(sbatch --parsable --export=ALL --array=0-$((N - 1)) "$@" "$here/vaxlink-array.sbatch")
array=${array%%;*}
seal=$(sbatch --parsable --export=ALL --dependency=afterok:"$array" --kill-on-invalid-dep=yes "$@" "$here/vaxlink-seal.sbatch")
echo "$array ${seal%%;*}"
