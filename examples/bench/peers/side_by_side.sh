#!/bin/sh
# numpy_w2.py and torch_w2.py, float64 and float32, W2 and W2-infer, each run once with OpenBLAS's core
# type as the environment sets it and once with it unset (OpenBLAS then picks its kernels for the CPU),
# one after the other, with 2 threads. Each output line starts with the core-type setting, PyTorch's
# OpenMP wait policy and the load average before the run; the run's wall and CPU seconds follow
# (/usr/bin/time), since a busy machine shows in both. Arguments go to every run (e.g. w2-infer).
#
#     sh examples/bench/peers/side_by_side.sh [w2] [w2-infer]
#
# PYTHON (default /usr/bin/python3, Debian's, which has python3-torch and python3-numpy) runs the
# scripts. TORCH_WAIT_POLICY=passive runs PyTorch a second time with OMP_WAIT_POLICY=passive (README.md).
# QUIET=1 waits before each run until the CPUs have been at least 90% idle for 5 s (on a shared machine).
set -eu
here=$(dirname "$0")
python=${PYTHON:-/usr/bin/python3}

# Percent of CPU time idle over the next $1 seconds, from /proc/stat.
idle_percent() {
    set -- "$1" $(sed -n 's/^cpu  *//p' /proc/stat)
    sleep "$1"
    shift
    set -- "$@" $(sed -n 's/^cpu  *//p' /proc/stat)
    # fields: user nice system idle iowait irq softirq steal ... (10 before, 10 after)
    echo "$@" | awk '{ t0 = 0; for (i = 1; i <= 8; i++) t0 += $i; t1 = 0; for (i = 11; i <= 18; i++) t1 += $i;
                       if (t1 == t0) print 100; else print int(100 * ($14 - $4) / (t1 - t0)) }'
}

wait_quiet() {
    [ "${QUIET:-0}" = 1 ] || return 0
    while [ "$(idle_percent 5)" -lt 90 ]; do :; done
}
export OPENBLAS_NUM_THREADS=2 TORCH_NUM_THREADS=2
for peer in numpy torch; do
    policies=default
    if [ "$peer" = torch ] && [ -n "${TORCH_WAIT_POLICY:-}" ]; then
        policies="default $TORCH_WAIT_POLICY"
    fi
    for dtype in float64 float32; do
        for policy in $policies; do
            for coretype in "${OPENBLAS_CORETYPE:-unset}" unset; do
                cmd="$python $here/${peer}_w2.py --dtype $dtype $*"
                [ "$policy" = default ] || cmd="env OMP_WAIT_POLICY=$policy $cmd"
                [ "$coretype" = unset ] && cmd="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $cmd"
                wait_quiet
                prefix="coretype:$coretype omp:$policy load:$(cut -d' ' -f1 /proc/loadavg)"
                /usr/bin/time -f "time %e s wall, %U s user, %S s sys" $cmd 2>&1 | sed "s|^|$prefix  |"
            done
        done
    done
done
