# Storage for a command: an existing account (--storage), or an Azurite of our own on loopback.

# Azurite's well-known development account; not a secret (it is published with the emulator).
azurite_connection() { # blob queue table
  printf 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:%s/devstoreaccount1;QueueEndpoint=http://127.0.0.1:%s/devstoreaccount1;TableEndpoint=http://127.0.0.1:%s/devstoreaccount1;' "$1" "$2" "$3"
}

# start_azurite BASE_PORT (in-memory|DIR) LOG: blob on BASE, queue BASE+1, table BASE+2; sets STORAGE.
# Azurite saves its data on SIGTERM (stop_all sends it) and may lose seconds of writes on SIGKILL.
start_azurite() {
  local blob=$1 queue=$(($1 + 1)) table=$(($1 + 2)) where=$2 persistence
  local port
  for port in "$blob" "$queue" "$table"; do
    require_free "$port" "Azurite" "give another base port with --azurite-port, or an existing account with --storage"
  done
  if [ "$where" = in-memory ]; then persistence=(--inMemoryPersistence); else mkdir -p "$where"; persistence=(--location "$where"); fi
  spawn azurite "$3" node_modules/.bin/azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" --disableTelemetry --silent --skipApiVersionCheck \
    "${persistence[@]}"
  AZURITE_PID=$SPAWNED
  wait_port "$table" 60 "$AZURITE_PID" || die "Azurite did not start; see $3"
  wait_port "$blob" 10 "$AZURITE_PID" || die "Azurite did not start; see $3"
  STORAGE=$(azurite_connection "$blob" "$queue" "$table")
}
