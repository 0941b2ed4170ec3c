# Starting and stopping a classroom (classroom/run) from a test or a
# benchmark. Source tests/e2e/lib.sh first.

# shellcheck shell=bash

# start_classroom DIR LOG [RUN-OPTIONS...] starts classroom/run in the
# background with its state in DIR, on a public port the OS just reported
# free, its output in LOG, and returns once the Hub answers through its
# proxy and the Hub that wrote DIR/jupyterhub.pid is ours. Sets hub_pid,
# hub_url and hub_password. classroom/run picks its internal ports the same
# way. When one of them was taken in between, the Hub exits ("address
# already in use") or, for the proxy's ports, the proxy logs EADDRINUSE and
# keeps running without them: either way it starts again on fresh ports, up
# to 3 times.
start_classroom() {
  local dir=$1 logf=$2 attempt i port conflict
  shift 2
  for attempt in 1 2 3; do
    port=$(free_port)
    hub_url="http://127.0.0.1:$port"
    rm -f "$dir/jupyterhub.pid"
    # Emptied here, appended to there: the child's own truncation could come
    # after the first grep below and let it read the previous attempt's log.
    : >"$logf"
    "$GONSIM_ROOT/classroom/run" --dir "$dir" --port "$port" --no-deps "$@" >>"$logf" 2>&1 &
    hub_pid=$!
    conflict=0
    # classroom/run builds the kernel, then execs jupyterhub: up to 120 s.
    for ((i = 0; i < 1200; i++)); do
      if grep -qiE 'EADDRINUSE|address already in use' "$logf"; then
        conflict=1
        break
      fi
      if [[ -s $dir/jupyterhub.pid && $(<"$dir/jupyterhub.pid") == "$hub_pid" ]] \
        && curl -sf -m 2 "$hub_url/hub/api" >/dev/null; then
        hub_password=$(<"$dir/password")
        log "classroom: JupyterHub (pid $hub_pid) on $hub_url (attempt $attempt)"
        return 0
      fi
      kill -0 "$hub_pid" 2>/dev/null || break
      sleep 0.1
    done
    if ((conflict)); then
      log "classroom: a port was taken before the Hub or its proxy bound it (attempt $attempt); fresh ports"
      # A Hub stopped while starting may leave its proxy: killed, no failure.
      stop_classroom lenient
      cp "$logf" "$logf.attempt$attempt"
      continue
    fi
    if kill -0 "$hub_pid" 2>/dev/null; then
      tail -30 "$logf" >&2
      local pid=$hub_pid
      stop_classroom
      die "classroom: the Hub (pid $pid) did not answer on $hub_url within 120 s"
    fi
    wait "$hub_pid" 2>/dev/null || true
    hub_pid=
    sed 's/^/    | /' "$logf" | tail -30 >&2
    die "classroom/run exited at start (not a port conflict; its log is above)"
  done
  die "classroom: 3 starts in a row lost a port to another process"
}

# stop_classroom [lenient] stops the Hub started by start_classroom: TERM,
# upon which the Hub stops every student's server and its proxy. Whatever of
# its process tree is still there 10 s after the Hub exited (60 s at most)
# is killed, and stop_classroom fails naming it (unless lenient).
stop_classroom() {
  [[ -n ${hub_pid:-} ]] || return 0
  local tree i p left
  tree=$(descendants "$hub_pid")
  kill -TERM "$hub_pid" 2>/dev/null || true
  for ((i = 0; i < 600; i++)); do
    kill -0 "$hub_pid" 2>/dev/null || break
    sleep 0.1
  done
  wait "$hub_pid" 2>/dev/null || true
  hub_pid=
  for ((i = 0; i < 100; i++)); do
    left=
    for p in $tree; do kill -0 "$p" 2>/dev/null && left+=" $p"; done
    [[ -n $left ]] || break
    sleep 0.1
  done
  if [[ -n $left ]]; then
    left=${left# }
    ps -o pid=,args= -p "${left// /,}" >&2 || true
    # shellcheck disable=SC2086
    stop_pid $left
    [[ ${1:-} == lenient ]] || die "classroom: processes left 10 s after the Hub stopped: $left"
    log "classroom: killed what the Hub left: $left"
    return 0
  fi
  log "classroom: the Hub and its $(wc -w <<<"$tree") processes stopped"
}
