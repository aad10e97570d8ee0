#!/bin/sh
# numpy_w2.py and torch_w2.py, float64 and float32, W2 and W2-infer, each run with OpenBLAS's core type
# as the environment sets it and then with it unset (OpenBLAS then picks its kernels for the CPU), one
# after the other, 2 threads. Each output line starts with the round, peer, dtype, PyTorch's OpenMP wait
# policy, core-type setting, load average and start time; the run's wall and CPU seconds (/usr/bin/time)
# follow its two lines, since a busy machine shows in both. Arguments go to every run (e.g. w2-infer).
#
#     sh examples/bench/peers/side_by_side.sh [w2] [w2-infer]
#
# PYTHON (default /usr/bin/python3, Debian's, which has python3-torch and python3-numpy) runs the
# scripts. ROUNDS=3 runs the whole set three times. TORCH_WAIT_POLICY=passive also runs PyTorch with
# OMP_WAIT_POLICY=passive (see README.md). QUIET=1 waits before each run until the CPUs have been at
# least 90% idle for 10 s (on a shared machine).
set -eu
here=$(dirname "$0")
python=${PYTHON:-/usr/bin/python3}

export OPENBLAS_NUM_THREADS=2 TORCH_NUM_THREADS=2

# Percent of CPU time idle over the next $1 seconds, from /proc/stat.
idle_percent() {
    set -- "$1" $(sed -n 's/^cpu  *//p' /proc/stat)
    sleep "$1"
    shift
    set -- "$@" $(sed -n 's/^cpu  *//p' /proc/stat)
    # fields: user nice system idle iowait irq softirq steal guest guest_nice, before and after
    echo "$@" | awk '{ t0 = 0; for (i = 1; i <= 8; i++) t0 += $i; t1 = 0; for (i = 11; i <= 18; i++) t1 += $i;
                       if (t1 == t0) print 100; else print int(100 * ($14 - $4) / (t1 - t0)) }'
}

configs="numpy:float64:default numpy:float32:default torch:float64:default torch:float32:default"
if [ -n "${TORCH_WAIT_POLICY:-}" ]; then
    configs="$configs torch:float64:$TORCH_WAIT_POLICY torch:float32:$TORCH_WAIT_POLICY"
fi
round=1
while [ "$round" -le "${ROUNDS:-1}" ]; do
    for config in $configs; do
        peer=${config%%:*} policy=${config##*:} dtype=${config#*:}
        dtype=${dtype%:*}
        for coretype in "${OPENBLAS_CORETYPE:-unset}" unset; do
            cmd="$python $here/${peer}_w2.py --dtype $dtype $*"
            [ "$policy" = default ] || cmd="env OMP_WAIT_POLICY=$policy $cmd"
            [ "$coretype" = unset ] && cmd="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $cmd"
            if [ "${QUIET:-0}" = 1 ]; then
                while [ "$(idle_percent 10)" -lt 90 ]; do :; done
            fi
            prefix="r$round $peer $dtype omp:$policy coretype:$coretype load:$(cut -d' ' -f1 /proc/loadavg) start:$(date +%T)"
            /usr/bin/time -f "time %e s wall, %U s user, %S s sys" $cmd 2>&1 | sed "s|^|$prefix  |"
        done
    done
    round=$((round + 1))
done
