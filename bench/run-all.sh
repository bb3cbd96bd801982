#!/usr/bin/env bash
# Builds the service in Release, starts it on loopback with a fresh data directory and a minted token (as the
# README describes, in the Production environment), runs the benchmark scenarios against it, measures the time
# from start to ready with the data it then holds, stops it, and writes the results to one folder.
#
#   bench/run-all.sh                 small sizes (10,000 users, 10 s per timed scenario, 30 s soak): a few minutes
#   bench/run-all.sh --full          the issue's sizes: 100,000 users, 1,000,000 stored for a 10 min soak at 2,000 req/s
#
# Options (after --full, which only changes the defaults): --users N, --duration D, --concurrency N, --soak-users N,
# --soak-duration D, --rate R, --sync-users N, --group-sizes A,B,C, --patch-requests N, --scenarios LIST,
# --port N, --out DIR, --durability Full|Normal,
#   --counters PATH   dotnet-counters executable: records the server's System.Runtime counters (GC, heap, working
#                     set, thread pool) every second to counters.csv (install: dotnet tool install --tool-path
#                     /tmp/tools dotnet-counters). Only those: the ASP.NET Core hosting and Kestrel providers raise
#                     an event per request while a session listens, which cost the server 0.025-0.035 CPU ms per
#                     request and a quarter of the GET and filter throughput (docs/benchmarks.md).
#   --wait-quiet MIN  on a shared machine, wait up to MIN minutes for other processes to leave the cores idle
#   --server-cpus L   pin the service to these CPUs (comma-separated numbers, taskset -c L) and Scim.Bench to the others, so that the load
#                     generator and the bench's webhook receiver do not take the service's cores (e.g. --server-cpus 0)
#   --events          for the events-post-users and webhook-lag scenarios: mint an admin token, make a self-signed
#                     certificate for the bench's HTTPS webhook receiver, have the service trust it (SSL_CERT_FILE)
#                     and reach loopback (Scim__Events__Delivery__AllowedNetworks), and pass both to Scim.Bench
#   --console         turn the operator console on (and with it the provisioning log), mint an admin token and pass
#                     it to Scim.Bench, so that the console-pages scenario runs; without it the log is off, which is
#                     how its cost on the SCIM path is measured (docs/benchmarks.md)
# Anything after '--' goes to Scim.Bench unchanged.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
users=10000; duration=10s; concurrency=32; soak_users=""; soak_duration=30s; rate=2000; sync_users=""
group_sizes=0,10000,100000; patch_requests=1000; scenarios=all; port=5077; durability=Full; counters=""; wait_quiet=0
events=0
server_cpus=""
console=0
out="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
extra=()

if [[ "${1:-}" == "--full" ]]; then
  users=100000; duration=30s; soak_users=1000000; soak_duration=10m; patch_requests=2000
  shift
fi

while [[ $# -gt 0 ]]; do
  case "$1" in
    --users) users="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --soak-users) soak_users="$2"; shift 2 ;;
    --soak-duration) soak_duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --sync-users) sync_users="$2"; shift 2 ;;
    --group-sizes) group_sizes="$2"; shift 2 ;;
    --patch-requests) patch_requests="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --durability) durability="$2"; shift 2 ;;
    --counters) counters="$2"; shift 2 ;;
    --wait-quiet) wait_quiet="$2"; shift 2 ;;
    --events) events=1; shift ;;
    --server-cpus) server_cpus="$2"; shift 2 ;;
    --console) console=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "run-all.sh: unknown option '$1' (see the comment at the top of the script)" >&2; exit 2 ;;
  esac
done

mkdir -p "$out"
out="$(cd "$out" && pwd)"
data="$(mktemp -d /tmp/scim-bench-data.XXXXXX)"
server_pid=""
counters_pid=""
base="http://127.0.0.1:$port"

stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
cleanup() {
  [[ -n "$counters_pid" ]] && kill -TERM "$counters_pid" 2>/dev/null && wait "$counters_pid" 2>/dev/null
  stop_server
  rm -rf "$data"
}

# Cores busy over 5 s, from /proc/stat (all but idle and iowait).
busy_cores() {
  local a b
  a=$(awk '/^cpu / { print $2+$3+$4+$7+$8+$9 }' /proc/stat); sleep 5; b=$(awk '/^cpu / { print $2+$3+$4+$7+$8+$9 }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", (b - a) / 100 / 5 }'
}
trap cleanup EXIT

echo "== building (Release)"
dotnet build -c Release "$root/Scim.Api/Scim.Api.csproj" -nologo -v q
dotnet build -c Release "$root/bench/Scim.Bench/Scim.Bench.csproj" -nologo -v q
api_dir="$root/Scim.Api/bin/Release/net10.0"

echo "== minting a token (dotnet Scim.Api.dll tokens new)"
minted="$(cd "$api_dir" && dotnet Scim.Api.dll tokens new --tenant bench --id bench)"
token="$(awk '/^Token/ { getline; getline; gsub(/ /, ""); print; exit }' <<<"$minted")"
hash="$(sed -n 's/^ *Scim__Auth__Tokens__N__Hash=//p' <<<"$minted")"
[[ -n "$token" && "$hash" == sha256:* ]] || { echo "could not read the minted token" >&2; exit 1; }
server_env=()
admin_token=""
receiver_args=()
if [[ "$events" == 1 || "$console" == 1 ]]; then
  echo "== minting an admin token (dotnet Scim.Api.dll admin-tokens new)"
  minted_admin="$(cd "$api_dir" && dotnet Scim.Api.dll admin-tokens new --id bench)"
  admin_token="$(awk '/^Admin token/ { getline; getline; gsub(/ /, ""); print; exit }' <<<"$minted_admin")"
  admin_hash="$(sed -n 's/^ *Scim__Admin__Tokens__N__Hash=//p' <<<"$minted_admin")"
  [[ -n "$admin_token" && "$admin_hash" == sha256:* ]] || { echo "could not read the minted admin token" >&2; exit 1; }
  server_env=(Scim__Admin__Tokens__0__Id=bench Scim__Admin__Tokens__0__Hash="$admin_hash")
fi
if [[ "$events" == 1 ]]; then
  echo "== making a certificate for the bench's webhook receiver"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$data/receiver.key" -out "$data/receiver.crt" 2>/dev/null
  # The service trusts the system's authorities and the receiver's certificate, nothing is turned off.
  cat /etc/ssl/certs/ca-certificates.crt "$data/receiver.crt" >"$data/trusted.crt" 2>/dev/null || cp "$data/receiver.crt" "$data/trusted.crt"
  server_env+=(SSL_CERT_FILE="$data/trusted.crt" Scim__Events__Delivery__AllowedNetworks__0=127.0.0.0/8)
  receiver_args=(--receiver-cert "$data/receiver.crt" --receiver-key "$data/receiver.key")
fi
if [[ "$console" == 1 ]]; then
  server_env+=(Scim__Console__Enabled=true)
fi

# Starts the built service exactly as deployed: Production environment, configured token, loopback only. The bench
# tenant's rate limit (default 1,000 requests/s per tenant) is raised so that the figures measure the service, not
# the limiter's 429s; the limiter still runs on every request.
# Sets ready_seconds to the time from exec to /health/ready answering 200.
ready_seconds=""
start_server() {
  local log="$1" started
  started=$(date +%s.%N)
  local pin=()
  [[ -n "$server_cpus" ]] && pin=(taskset -c "$server_cpus")
  (cd "$api_dir" && exec "${pin[@]}" env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" \
      Scim__Auth__Tokens__0__Id=bench Scim__Auth__Tokens__0__Tenant=bench Scim__Auth__Tokens__0__Hash="$hash" \
      Scim__RateLimit__Tenants__bench__PermitsPerSecond=10000000 Scim__RateLimit__Tenants__bench__Burst=10000000 \
      Storage__Sqlite__Path="$data/scim.db" Storage__Sqlite__Durability="$durability" "${server_env[@]}" \
      dotnet Scim.Api.dll >>"$log" 2>&1) &
  server_pid=$!
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null; then
      ready_seconds=$(awk -v now="$(date +%s.%N)" -v then="$started" 'BEGIN { printf "%.2f", now - then }')
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { echo "the service exited; see $log" >&2; return 1; }
    sleep 0.05
  done
  echo "the service was not ready within 30 s; see $log" >&2
  return 1
}

if [[ "$wait_quiet" != 0 ]]; then
  deadline=$(( $(date +%s) + wait_quiet * 60 ))
  while busy=$(busy_cores); awk -v b="$busy" 'BEGIN { exit !(b > 0.3) }'; do
    [[ $(date +%s) -ge $deadline ]] && { echo "== still $busy cores busy after $wait_quiet min; running anyway"; break; }
    echo "== $busy cores busy with other work; waiting for a quiet machine"
  done
fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -m | awk '/^Mem:/ { print $2 " MiB" }')"
  echo "dotnet sdk: $(dotnet --version)"
  echo "runtime: $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v=$2 } END { print v }')"
  echo "kernel: $(uname -r)"
  echo "durability: $durability"
  echo "service pinned to CPUs: ${server_cpus:-no}"
  echo "event scenarios set up: $([[ "$events" == 1 ]] && echo yes || echo no)"
  echo "console and provisioning log: $([[ "$console" == 1 ]] && echo on || echo off)"
  echo "cores busy before the run (other processes): $(busy_cores)"
} >"$out/machine.txt"
cat "$out/machine.txt"

echo "== starting the service on $base (data in $data)"
start_server "$out/server.log"
ready_empty=$ready_seconds
echo "ready after ${ready_empty}s with an empty store (pid $server_pid)"
if [[ -n "$counters" ]]; then
  "$counters" collect -p "$server_pid" --format csv -o "$out/counters.csv" --refresh-interval 1 \
    --counters System.Runtime >"$out/counters.log" 2>&1 &
  counters_pid=$!
fi

bench_args=(--base-url "$base/scim/v2" --token "$token" --scenario "$scenarios" --users "$users" --duration "$duration"
  --concurrency "$concurrency" --soak-duration "$soak_duration" --rate "$rate" --group-sizes "$group_sizes"
  --patch-requests "$patch_requests" --server-pid "$server_pid" --output "$out/results.jsonl")
[[ -n "$soak_users" ]] && bench_args+=(--soak-users "$soak_users")
[[ -n "$sync_users" ]] && bench_args+=(--sync-users "$sync_users")
[[ -n "$admin_token" ]] && bench_args+=(--admin-token "$admin_token" "${receiver_args[@]}")
bench_args+=("${extra[@]}")
shown_args=("${bench_args[@]/$token/\$TOKEN}")
[[ -n "$admin_token" ]] && shown_args=("${shown_args[@]/$admin_token/\$ADMIN_TOKEN}")
printf '%q ' dotnet "$root/bench/Scim.Bench/bin/Release/net10.0/Scim.Bench.dll" "${shown_args[@]}" >"$out/command.txt"
echo >>"$out/command.txt"

echo "== running: $(cat "$out/command.txt")"
set +e
bench_pin=()
if [[ -n "$server_cpus" ]]; then
  others="$(seq 0 $(( $(nproc) - 1 )) | grep -vxF -f <(tr ',' '\n' <<<"$server_cpus") | paste -sd, -)"
  [[ -n "$others" ]] && bench_pin=(taskset -c "$others")
fi
"${bench_pin[@]}" dotnet "$root/bench/Scim.Bench/bin/Release/net10.0/Scim.Bench.dll" "${bench_args[@]}" | tee "$out/console.txt"
bench_status=${PIPESTATUS[0]}
set -e
echo "server peak RSS over its life: $(grep VmHWM "/proc/$server_pid/status" | awk '{ print $2/1024 " MB" }')" | tee -a "$out/console.txt"

if [[ -n "$counters_pid" ]]; then kill -TERM "$counters_pid" 2>/dev/null; wait "$counters_pid" 2>/dev/null || true; counters_pid=""; fi
stored=$(curl -fsS -G "$base/scim/v2/Users" -H "Authorization: Bearer $token" --data-urlencode count=0 \
  | sed -nE 's/.*"totalResults":([0-9]+).*/\1/p')
stop_server

echo "== restarting with ${stored:-?} users stored"
start_server "$out/server.log"
ready_full=$ready_seconds
stop_server
{
  echo "start to ready, empty store: ${ready_empty} s"
  echo "start to ready, ${stored:-?} users stored: ${ready_full} s"
  echo "database size: $(du -sh "$data" | cut -f1)"
} | tee "$out/startup.txt"

echo "== results in $out (bench exit status $bench_status)"
exit "$bench_status"
