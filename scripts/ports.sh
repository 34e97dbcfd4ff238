# Ports: free ones for tests and benches, and a clear refusal when something else holds one we need.

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# Who listens on PORT, as "name (pid N)", from ss; empty when nobody does or ss cannot tell.
port_holder() {
  ss -ltnpH "( sport = :$1 )" 2>/dev/null | sed -nE 's/.*users:\(\("([^"]+)",pid=([0-9]+).*/\1 (pid \2)/p' | head -n 1
}

# require_free PORT WHAT HINT: refuses to start when PORT is taken, naming what holds it.
require_free() {
  port_open "$1" || return 0
  local holder
  holder=$(port_holder "$1")
  die "port $1 ($2) is already in use${holder:+ by $holder}; stop it, or $3"
}

# wait_port PORT SECONDS PID: until something listens on PORT, while PID lives.
wait_port() {
  local end=$((SECONDS + $2))
  until port_open "$1"; do
    alive "$3" || return 1
    [ $SECONDS -lt $end ] || { log "nothing listens on 127.0.0.1:$1 after $2 s"; return 1; }
    sleep 0.1
  done
}

# The port of a URL such as http://127.0.0.1:8080 (the first of a ;-separated list).
url_port() {
  local url=${1%%;*} rest
  rest=${url#*://}
  rest=${rest%%/*}
  case $rest in *:*) echo "${rest##*:}" ;; *) case $url in https:*) echo 443 ;; *) echo 80 ;; esac ;; esac
}
