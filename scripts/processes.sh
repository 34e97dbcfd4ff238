# Processes the front door starts, and how it stops them. Sourced by ./gridgov.
#
# Each process starts in a session of its own (setsid): a terminal's Ctrl-C (SIGINT to the whole foreground
# process group) then reaches only ./gridgov, which stops what it started in reverse order: the host before the
# storage it writes to. Every pid is recorded in $PIDS_FILE, so a later start finds what a killed run left behind.

PIDS_FILE=""
STARTED=() # "name pid", in start order

log() { printf '\033[1;34m[gridgov]\033[0m %s\n' "$*" >&2; }
die() { log "$*"; exit "${EXIT_CODE:-1}"; }

# spawn NAME OUT COMMAND...: starts COMMAND in its own session; OUT is a log file, or - for this terminal.
# The lock on fd 9 stays with ./gridgov: a process left behind must not hold it.
spawn() {
  local name=$1 out=$2
  shift 2
  if [ "$out" = - ]; then
    setsid "$@" </dev/null 9>&- &
  else
    setsid "$@" </dev/null >>"$out" 2>&1 9>&- &
  fi
  local pid=$!
  STARTED+=("$name $pid")
  [ -z "$PIDS_FILE" ] || printf '%s %s\n' "$name" "$pid" >>"$PIDS_FILE"
  SPAWNED=$pid
}

alive() { kill -0 "$1" 2>/dev/null; }

# stop_pid NAME PID SECONDS: SIGTERM, then SIGKILL if it is still there after SECONDS.
stop_pid() {
  local name=$1 pid=$2 end=$((SECONDS + $3))
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  while alive "$pid" && [ $SECONDS -lt "$end" ]; do sleep 0.1; done
  if alive "$pid"; then
    log "$name (pid $pid) did not stop in $3 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# Seconds each kind may take to stop: the host's own shutdown is bounded below this (HostOptions.ShutdownTimeout).
stop_budget() { case $1 in host | replay) echo 12 ;; *) echo 5 ;; esac; }

STOPPED=""
stop_all() {
  [ -z "$STOPPED" ] || return 0
  STOPPED=1
  local i entry
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
    entry=${STARTED[$i]}
    stop_pid "${entry%% *}" "${entry##* }" "$(stop_budget "${entry%% *}")"
  done
  [ -z "$PIDS_FILE" ] || rm -f "$PIDS_FILE"
}

# Ctrl-C, SIGTERM and SIGHUP all stop everything, quietly, host first.
on_signal() {
  trap '' INT TERM HUP
  log "stopping"
  stop_all
  exit 130
}
trap_signals() {
  trap on_signal INT TERM HUP
  trap stop_all EXIT
}

# The processes an earlier run on this data folder left behind (the script itself was killed): stopped now.
stop_stale() {
  local file=$1 name pid
  [ -f "$file" ] || return 0
  while read -r name pid; do
    [ -n "$pid" ] && alive "$pid" || continue
    case $name in
      azurite) grep -qa azurite "/proc/$pid/cmdline" 2>/dev/null || continue ;;
      *) grep -qa GridGov "/proc/$pid/cmdline" 2>/dev/null || continue ;;
    esac
    log "stopping $name (pid $pid) left by an earlier run"
    kill -TERM "$pid" 2>/dev/null || true
    local end=$((SECONDS + $(stop_budget "$name")))
    while alive "$pid" && [ $SECONDS -lt $end ]; do sleep 0.1; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null
  done <"$file"
  rm -f "$file"
}
