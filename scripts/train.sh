#!/usr/bin/env bash
# Trains models/imvo-assistant.tar.gz reproducibly: the same data, config and seed give the same model on the
# same machine. SEED=N replaces the DIET random_seed (for checking that tests hold for any good model); CONFIG=path
# trains another config (benchmarks/training_variants.py); further arguments go to `rasa train`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONHASHSEED=0              # Python's set and dict order of strings
export TF_DETERMINISTIC_OPS=1        # TensorFlow's deterministic kernels
export TF_INTER_OP_PARALLELISM_THREADS="${TRAIN_INTER_THREADS:-2}" TF_INTRA_OP_PARALLELISM_THREADS="${TRAIN_INTRA_THREADS:-2}"
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
base="${CONFIG:-config.yml}"
config=$base
if [ -n "${SEED:-}" ]; then
  [[ "$SEED" =~ ^[0-9]+$ ]] || { echo "SEED must be a whole number, not '$SEED'" >&2; exit 2; }
  mkdir -p var
  config=var/config.seed-$SEED.yml
  sed -E "s/^(    random_seed:) [0-9]+/\1 $SEED/" "$base" > "$config"
  grep -q "random_seed: $SEED\$" "$config" || { echo "$base has no DIET random_seed to replace" >&2; exit 2; }
  echo "Training with DIET random_seed $SEED"
fi
start=$(date +%s)
# The data is validated by `make validate` and the tests; training skips it.
.venv/bin/rasa train --skip-validation --config "$config" --domain domain --fixed-model-name imvo-assistant --out models "$@"
echo "Trained in $(( $(date +%s) - start )) s"
