#!/usr/bin/env bash
# Runs on a lent GPU machine (Python 3.12, no package registry): installs the carried bundle
# into an isolated venv, then runs benchmarks/gpu_check.py. See docs/BENCHMARKS.md, "GPU".
# The bundle (a tar split into parts): mxnet_cu112.tar.xz (the mxnet-cu112 wheel's files),
# cu11lib.tar.zst (the CUDA 11 / cuDNN 8 libraries mxnet-cu112 links against, from NVIDIA's
# nvidia-*-cu11 wheels: the machine only has CUDA 13), and wheels of numpy 1.26, gluonnlp
# (built for cp312), tqdm, requests and its needs, setuptools and zstandard.
# Usage: bash benchmarks/gpu_device.sh PARTS_DIR OUT_DIR [gpu_check.py run options]
set -euo pipefail
parts=$1
out=$2
shift 2
work=/tmp/gpucheck
rm -rf "$work" && mkdir -p "$work/bundle"
cat "$parts"/p* | tar -xf - -C "$work/bundle"
python3 -m venv --without-pip "$work/venv"
site=$("$work/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
python3 -m pip install -q --no-index --no-deps --no-compile --target "$site" "$work"/bundle/*.whl
python3 -c "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" \
  "$work/bundle/mxnet_cu112.tar.xz" "$site"
mkdir -p "$work/cu11"
"$work/venv/bin/python" -c "
import sys, tarfile, zstandard
with open(sys.argv[1], 'rb') as packed:
    reader = zstandard.ZstdDecompressor().stream_reader(packed)
    tarfile.open(fileobj=reader, mode='r|').extractall(sys.argv[2])
" "$work/bundle/cu11lib.tar.zst" "$work/cu11"
export LD_LIBRARY_PATH="$work/cu11/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
(nvidia-smi || true) > "$out/nvidia-smi.txt" 2>&1
export MXNET_CUDNN_AUTOTUNE_DEFAULT=0 CUDA_CACHE_MAXSIZE=4294967296 PYTHONUNBUFFERED=1
export PYTHONPATH=src
"$work/venv/bin/python" benchmarks/gpu_check.py run --data benchmarks/.gpu/encoded.npz \
  --out "$out/gpu_results.json" "$@" 2>&1 | tee "$out/gpu_log.txt"
