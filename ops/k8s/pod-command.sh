#!/bin/sh
# The command line of match-job.yaml's container, for running it outside Kubernetes with
# the same variables (the environment-contract test does): JOB_COMPLETION_INDEX set, N given.
#   VAXLINK=... STORE=... SHOTS=... OUT=... KEY=... N=... JOB_COMPLETION_INDEX=i pod-command.sh
set -eu
mkdir -p "$OUT/part-$JOB_COMPLETION_INDEX"
exec "${VAXLINK:-vaxlink}" match --store "$STORE" --shots "$SHOTS" \
    --ledger "$OUT/part-$JOB_COMPLETION_INDEX/ledger.sqlite" \
    --out "$OUT/part-$JOB_COMPLETION_INDEX" --key "$KEY" --partition auto --partitions "$N" --quiet
