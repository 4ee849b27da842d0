#!/usr/bin/env bash
# PyTorch side of the MiniLM LoRA training-step benchmark. Run by hand only, never by mvn verify or CI:
#   benchmarks/pytorch/run.sh [--batch 32 --seq 64 --threads 1,2 --blas-check ...]
# Installs Debian's torch, numpy and OpenBLAS when missing (as root), then runs minilm_lora_step.py on
# OpenBLAS: Debian's python3-torch otherwise uses the reference BLAS, 40-70x slower (see STACK.md).
#
# TORCHBENCH_BLAS=pthread (default) or openmp picks Debian's OpenBLAS build. The pthread build keeps its
# own thread pool beside torch's OpenMP pool; with OpenMP's default spin-waiting the two pools fight over
# 2 cores and a 2-thread step ran 3-4x SLOWER than a 1-thread one, so for that build this script sets
# OMP_WAIT_POLICY=PASSIVE unless you set it. The openmp build shares torch's pool (as libtorch's MKL
# does in DJL) and needs no such setting. Both printed within ~10% of each other here.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python=/usr/bin/python3   # Debian's interpreter: python3-torch lives in its dist-packages, not in a pyenv's
variant="${TORCHBENCH_BLAS:-pthread}"
case "$variant" in
  pthread|openmp) ;;
  *) echo "TORCHBENCH_BLAS must be pthread or openmp, got '$variant'" >&2; exit 2 ;;
esac
openblas_dir="/usr/lib/x86_64-linux-gnu/openblas-$variant"
packages=(python3-torch python3-numpy "libopenblas0-$variant")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

if [[ ! -e "$openblas_dir/libblas.so.3" ]]; then
  echo "OpenBLAS not found at $openblas_dir/libblas.so.3: timings would use the reference BLAS" >&2
  exit 1
fi

export LD_LIBRARY_PATH="$openblas_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# STACK.md's Cooper Lake hosts want this; on CPUs without AVX-512 BF16 leave OpenBLAS to detect the core.
if [[ -z "${OPENBLAS_CORETYPE:-}" ]] && grep -qw avx512_bf16 /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=Cooperlake
fi
if [[ "$variant" == pthread ]]; then
  export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
fi
exec "$python" "$here/minilm_lora_step.py" "$@"
