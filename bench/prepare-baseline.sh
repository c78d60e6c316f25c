#!/usr/bin/env bash
# Builds a baseline for the bench's A/B mode: a detached git worktree of <ref> (default main) in <dir>, with this
# checkout's bench/ copied in, so the same harness measures the baseline's applications. Prints the bench dll to pass
# as --baseline:
#   bench/prepare-baseline.sh main /tmp/cm-baseline
#   dotnet run -c Release --project bench/CloudMessaging.Bench -- ab --baseline /tmp/cm-baseline/bench/CloudMessaging.Bench/bin/Release/net10.0/CloudMessaging.Bench.dll -- jobs
set -euo pipefail
ref="${1:-main}"
dir="${2:-/tmp/cloudmessaging-baseline}"
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$dir" ]; then
  git -C "$here" worktree add --detach "$dir" "$ref" >&2
else
  git -C "$dir" checkout --detach "$ref" >&2
fi
rm -rf "$dir/bench"
cp -r "$here/bench" "$dir/bench"
rm -rf "$dir/bench/CloudMessaging.Bench/bin" "$dir/bench/CloudMessaging.Bench/obj"
dotnet build -c Release "$dir/bench/CloudMessaging.Bench" >&2
echo "$dir/bench/CloudMessaging.Bench/bin/Release/net10.0/CloudMessaging.Bench.dll"
