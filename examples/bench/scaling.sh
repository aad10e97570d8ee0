#!/usr/bin/env bash
# The README's scaling table: W2-shaped networks 784-w-w-10 (relu, softmax cross-entropy, SGD with learning
# rate 0.005, the first 10,000 MNIST training images) at widths 128 … 1024 and batch sizes 1 … 512, timed
# by `nn bench` (3 repetitions of at least 1 s). Extra arguments go to `nn bench`, e.g. --json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mnist="$here/../data/mnist"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
for width in 128 256 512 1024; do
  for batch in 1 16 128 512; do
    cat > "$dir/w$width-b$batch.yaml" <<YAML
name: w$width-b$batch
seed: 1
data:
  train: {source: idx, images: [$mnist/train-images-idx3-ubyte.part1.gz, $mnist/train-images-idx3-ubyte.part2.gz], labels: [$mnist/train-labels-idx1-ubyte.part1.gz, $mnist/train-labels-idx1-ubyte.part2.gz], limit: 10000}
  validation: {split: 0.0}
  standardize: false
network:
  layers:
    - {units: 784}
    - {units: $width, activation: relu}
    - {units: $width, activation: relu}
    - {units: 10, activation: identity}
  init: he-uniform
loss: softmax-cross-entropy
optimizer: {name: sgd, learning-rate: 0.005}
training: {epochs: 1, batch-size: $batch, shuffle: true}
YAML
  done
done
"$here/../../nn" bench --dir "$dir" --repetitions 3 --seconds 1 "$@"
