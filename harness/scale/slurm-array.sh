#!/bin/sh
# slurm-array.sh: one shard of a fault-injection campaign (or of a fuzz
# run) per task of a Slurm job array; docs/scaling.md. Submit from the
# project root, after building the image once (make -j2 all):
#
#   sbatch --array=0-3 --export=ALL,FAULTS=10000,SEED=20261207 \
#       harness/scale/slurm-array.sh
#   sbatch --array=0-7 --export=ALL,WHAT=fuzz,N=8000000,SEED=7 \
#       harness/scale/slurm-array.sh
#
# Task i of an array of K tasks (--array=0-K-1) runs
#   make -o check-deps -o all campaign FAULTS=.. SEED=.. SHARD=i/K
# (or fuzz N=.. SEED=.. SHARD=i/K): the image is never rebuilt on a compute
# node, and the report lands in build/campaign/shard-i-of-K/ (build/fuzz/
# ...). Then merge them: make campaign-merge (or make fuzz-merge), e.g. in
# a job submitted with --dependency=afterany:<array job id>.
#
# Environment: WHAT (campaign, the default, or fuzz); FAULTS (campaign) or
# N (fuzz); SEED (required: every shard must run the same plan); DRIVERS,
# CORE, PERIOD, JOBS (QEMU machines per task, default the task's CPUs) and
# FI, FRAMES are passed on when set; MAKE (default make). Exit status:
# make's, or 2 when the array or the variables do not make a whole plan.
#SBATCH --job-name=phoenix-shard
#SBATCH --cpus-per-task=2
#SBATCH --time=12:00:00
#SBATCH --output=slurm-%A_%a.out
set -eu

fail() {
	echo "slurm-array.sh: error: $*" >&2
	exit 2
}

number() {
	case $2 in
	''|*[!0-9]*) fail "$1 must be a number, not '$2'" ;;
	esac
}

task=${SLURM_ARRAY_TASK_ID:-}
count=${SLURM_ARRAY_TASK_COUNT:-}
[ -n "$task" ] && [ -n "$count" ] ||
	fail "not a task of a job array: submit with sbatch --array=0-K-1"
number SLURM_ARRAY_TASK_ID "$task"
number SLURM_ARRAY_TASK_COUNT "$count"
low=${SLURM_ARRAY_TASK_MIN:-0}
high=${SLURM_ARRAY_TASK_MAX:-$((count - 1))}
number SLURM_ARRAY_TASK_MIN "$low"
number SLURM_ARRAY_TASK_MAX "$high"
# Shard i of K needs the ids 0..K-1, each once: --array=0-K-1 (a %N
# throttle is fine); 1-4 or 0,2,5 would leave shards out.
[ "$low" -eq 0 ] && [ "$high" -eq $((count - 1)) ] ||
	fail "the array's task ids must be 0..K-1 (--array=0-$((count - 1)))," \
		"not $low..$high with $count tasks"
[ "$task" -lt "$count" ] || fail "task $task is not in 0..$((count - 1))"
[ -n "${SEED:-}" ] || fail "set SEED (every shard must run the same plan):" \
	"sbatch --export=ALL,SEED=...,FAULTS=..."
number SEED "$SEED"

what=${WHAT:-campaign}
case $what in
campaign)
	[ -n "${FAULTS:-}" ] || fail "set FAULTS (the whole campaign's faults)"
	number FAULTS "$FAULTS"
	set -- campaign "FAULTS=$FAULTS"
	[ -z "${DRIVERS:-}" ] || set -- "$@" "DRIVERS=$DRIVERS"
	[ -z "${CORE:-}" ] || set -- "$@" "CORE=$CORE"
	[ -z "${PERIOD:-}" ] || set -- "$@" "PERIOD=$PERIOD"
	set -- "$@" "JOBS=${JOBS:-${SLURM_CPUS_PER_TASK:-1}}"
	;;
fuzz)
	[ -n "${N:-}" ] || fail "set N (the whole run's messages)"
	number N "$N"
	set -- fuzz "N=$N"
	[ -z "${FI:-}" ] || set -- "$@" "FI=$FI"
	[ -z "${FRAMES:-}" ] || set -- "$@" "FRAMES=$FRAMES"
	;;
*) fail "WHAT must be campaign or fuzz, not '$what'" ;;
esac

cd "${SLURM_SUBMIT_DIR:-.}"
[ -f build/os.iso ] || fail "no build/os.iso in $(pwd): build it once" \
	"(make -j2 all) before submitting the array"
echo "slurm-array.sh: task $task of $count: ${MAKE:-make} $* SEED=$SEED SHARD=$task/$count"
exec ${MAKE:-make} -o check-deps -o all "$@" "SEED=$SEED" "SHARD=$task/$count"
