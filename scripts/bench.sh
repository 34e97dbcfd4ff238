# ./gridgov bench: each bench runs a host of its own on free ports over an in-memory Azurite (or --storage),
# with the demo district and no demo traffic. Sourced by ./gridgov.

# start_bench_host BASE LOG SILO_PORT GATEWAY_PORT ADMIN_TOKEN: started, ready, and the demo district imported.
start_bench_host() {
  log "starting the host on $1 (log: $2)"
  spawn host "$2" bash -c 'cd src/Silo && exec dotnet "$@"' host "$ROOT/$SILO_DLL" --urls "$1" --Demo:Enabled=true \
    --Demo:Traffic:Enabled=false --Cluster:StorageConnectionString="$STORAGE" --Cluster:SiloPort="$3" --Cluster:GatewayPort="$4"
  BENCH_HOST_PID=$SPAWNED
  wait_ready "$1" "$BENCH_HOST_PID" || { log "the host exited; last lines of $2:"; tail -n 5 "$2" | cut -c1-300 >&2; return 1; }
}

stop_bench_host() {
  log "stopping the host"
  stop_pid host "$BENCH_HOST_PID" "$(stop_budget host)"
}

# Storage and a host for a bench; sets BASE, HOST_LOG, ADMIN, OPERATOR.
bench_setup() {
  trap_signals
  ensure_npm
  local http silo gateway
  http=$(free_port); silo=$(free_port); gateway=$(free_port)
  BASE="http://127.0.0.1:$http" HOST_LOG="${TMPDIR:-/tmp}/gridgov-bench-host-$http.log"
  if [ -z "$STORAGE" ]; then
    local azurite
    azurite=$(free_consecutive_ports 3)
    start_azurite "$azurite" in-memory "${TMPDIR:-/tmp}/gridgov-bench-azurite-$azurite.log"
  fi
  ADMIN=$(host token --role admin)
  OPERATOR=$(host token --role operator)
  start_bench_host "$BASE" "$HOST_LOG" "$silo" "$gateway" "$ADMIN" || die "the host did not come up with the demo district; see $HOST_LOG"
}

cmd_bench() {
  local kind=${1:-}
  shift || true
  case $kind in
    live | rollup) ;;
    *) log "usage: ./gridgov bench live [--clients 100] [--rate 500] [--seconds 60] [--warmup 10] [--probes 5] [--concurrency 64]"
       log "       ./gridgov bench rollup [--issues 1000000] [--year LAST] [--cold 3] [--warm 10] [--seed N]"
       exit 2 ;;
  esac
  local command="./gridgov bench $kind${*:+ $*}"
  parse_common "$@"
  # The host and the bench only: a test that does not compile does not stop a measurement.
  if [ -z "$NO_BUILD" ]; then
    log "building the host and the bench"
    build_project src/Silo/GridGov.Silo.csproj
    build_project "bench/GridGov.Bench.${kind^}/GridGov.Bench.${kind^}.csproj"
  fi
  bench_setup
  log "running the bench"
  if [ "$kind" = live ]; then
    GRIDGOV_BENCH_TOKEN=$OPERATOR GRIDGOV_BENCH_STORAGE=$STORAGE dotnet "$BENCH_LIVE_DLL" --base-url "$BASE" --district demo \
      --results "$ROOT/bench/RESULTS.md" --command "$command" \
      --host-pid "$BENCH_HOST_PID" --azurite-pid "${AZURITE_PID:-0}" ${REST[@]+"${REST[@]}"} ||
      die "the bench failed; host log: $HOST_LOG"
  else
    # The rollup bench seeds a year on the same storage and starts fresh hosts of its own (cold), then asks again (warm).
    stop_bench_host
    GRIDGOV_BENCH_TOKEN=$OPERATOR GRIDGOV_BENCH_STORAGE=$STORAGE dotnet "$BENCH_ROLLUP_DLL" \
      --silo-dll "$ROOT/$SILO_DLL" --table-prefix GridGov --results "$ROOT/bench/RESULTS.md" --command "$command" \
      ${REST[@]+"${REST[@]}"}
  fi
}
