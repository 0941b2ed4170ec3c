# Shared shell functions for install.sh, tests/run and the end-to-end tests.
# Source it from bash scripts that run with `set -euo pipefail`; it defines
# functions and a few variables and runs nothing on its own.

# shellcheck shell=bash

GONSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Debian packages the product and its tests need. The Jupyter set is the one
# testing-recipes.md measured on a fresh bookworm root; procps gives the
# pgrep/ps/pkill-free process helpers the cleanup traps use, python3 runs the
# notebook checker, fonts make the browser's screenshots legible, slurm-wlm
# (slurmctld, slurmd, sbatch) runs the sweep test's one-node cluster;
# jupyterhub runs the classroom (classroom/run; its proxy comes from npm,
# deps_classroom); the jupyter-server and jupyterlab-server packages serve
# gonsim's JupyterLab (lab/, built from npm by build_lab).
GONSIM_APT_PACKAGES=(
  jupyter-notebook jupyter-nbconvert jupyter-console jupyter-client
  python3-jupyter-kernel-test chromium tmux curl ca-certificates
  procps python3 fonts-dejavu-core slurm-wlm
  jupyterhub python3-jupyter-server python3-jupyterlab-server musl-tools
)

# Debian's Jupyter runs under Debian's Python. The python3 first on PATH may be
# another interpreter (pyenv on these machines) without the Jupyter modules.
PY=/usr/bin/python3
JUPYTER=/usr/bin/jupyter
export PYDEVD_DISABLE_FILE_VALIDATION=1
shopt -s inherit_errexit

log() { printf '%s\n' "$*" >&2; }
step() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# as_root runs a command as root: directly when we are root, else via sudo.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root to run: $* (run as root or install sudo)"
  fi
}

# missing_apt_packages prints the packages of its arguments that are not installed.
missing_apt_packages() {
  local p st
  for p in "$@"; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $st == "install ok installed" ]] || printf '%s\n' "$p"
  done
}

# deps_apt installs the missing Debian packages (apt-get update once, only
# when something is missing). Idempotent: with everything present it only
# reports that.
deps_apt() {
  command -v dpkg-query >/dev/null || die "dpkg-query not found: this needs Debian (bookworm)"
  local missing
  mapfile -t missing < <(missing_apt_packages "${GONSIM_APT_PACKAGES[@]}")
  if ((${#missing[@]} == 0)); then
    log "apt: all ${#GONSIM_APT_PACKAGES[@]} packages already installed (${GONSIM_APT_PACKAGES[*]})"
    return 0
  fi
  log "apt: installing ${#missing[@]} missing packages: ${missing[*]}"
  # Another apt may hold the lock (unattended upgrades, a parallel install):
  # wait for it up to 10 minutes instead of failing at once.
  local lock=(-o DPkg::Lock::Timeout=600) aptlog start=$SECONDS
  aptlog=$(mktemp -t gonsim-apt.XXXXXX)
  log "apt: apt-get update and install (log: $aptlog)"
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" update -q >"$aptlog" 2>&1; then
    tail -20 "$aptlog" | sed 's/^/    | /' >&2
    die "apt-get update failed (log: $aptlog)"
  fi
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" install -y -q \
    --no-install-recommends "${missing[@]}" >>"$aptlog" 2>&1; then
    tail -30 "$aptlog" | sed 's/^/    | /' >&2
    die "apt-get install ${missing[*]} failed (log: $aptlog)"
  fi
  log "apt: $(grep -Eo '^[0-9]+ upgraded, [0-9]+ newly installed' "$aptlog" | tail -1) in $((SECONDS - start)) s"
  [[ " ${missing[*]} " != *" jupyterhub "* ]] || disable_debian_hub
  mapfile -t missing < <(missing_apt_packages "${GONSIM_APT_PACKAGES[@]}")
  ((${#missing[@]} == 0)) || die "apt: still missing after install: ${missing[*]}"
  log "apt: installed; all ${#GONSIM_APT_PACKAGES[@]} packages present"
}

# disable_debian_hub stops and disables the jupyterhub.service that Debian's
# jupyterhub package starts on a systemd machine when it is installed: a
# system-wide Hub on port 8000 of every interface with PAM logins, which the
# classroom does not use (classroom/run starts its own). Called only when
# deps_apt installed jupyterhub itself, so an administrator's Hub is left alone.
disable_debian_hub() {
  [[ -d /run/systemd/system ]] || return 0
  if as_root systemctl disable --now jupyterhub.service >/dev/null 2>&1; then
    log "apt: disabled Debian's jupyterhub.service (a system-wide Hub on port 8000); classroom/run starts its own"
  else
    log "apt: could not disable Debian's jupyterhub.service: run systemctl disable --now jupyterhub.service"
  fi
}

# deps_go puts Go on PATH (CI's non-login root shell may lack /usr/local/go/bin).
deps_go() {
  if ! command -v go >/dev/null && [[ -x /usr/local/go/bin/go ]]; then
    export PATH="/usr/local/go/bin:$PATH"
  fi
  command -v go >/dev/null || die "go not found (expected Go at /usr/local/go)"
  log "go: $(go version)"
}

# deps_node installs tests/node_modules from the committed lockfile when it
# is missing or older than the lockfile. Never lets a tool fetch a browser.
deps_node() {
  command -v node >/dev/null || die "node not found: the browser test needs Node.js >= 20 and npm"
  command -v npm >/dev/null || die "npm not found: the browser test needs npm"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  ((major >= 20)) || die "node $(node --version) is too old: playwright-core needs Node.js >= 20"
  local t="$GONSIM_ROOT/tests" stamp="$GONSIM_ROOT/tests/node_modules/.package-lock.json"
  if [[ -f $stamp && $stamp -nt $t/package-lock.json && -d $t/node_modules/playwright-core ]]; then
    log "npm: tests/node_modules up to date (playwright-core $(node -p 'require("'"$t"'/node_modules/playwright-core/package.json").version'))"
    return 0
  fi
  log "npm: npm ci in tests/ (playwright-core from the lockfile)"
  (cd "$t" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 600 npm ci --no-audit --no-fund --loglevel=error) \
    || die "npm ci in tests/ failed"
}

# build_lab builds gonsim's JupyterLab (lab/build, served by
# lab/gonsim_lab.py): npm ci in lab/ from the committed lockfile, then
# webpack. Cached: it does nothing when lab/build was made from the same
# inputs (package.json, the lockfile, index.js, webpack.config.js; their
# hash is in lab/build/.inputs.sha256), and npm ci runs only when
# lab/node_modules is missing or older than the lockfile.
build_lab() {
  command -v node >/dev/null || die "node not found: building JupyterLab needs Node.js >= 20 and npm"
  local lab="$GONSIM_ROOT/lab" want start=$SECONDS
  want=$(cd "$lab" && cat package.json package-lock.json index.js webpack.config.js | sha256sum | cut -d' ' -f1)
  if [[ -f $lab/build/bundle.js && -f $lab/build/.inputs.sha256 && $(<"$lab/build/.inputs.sha256") == "$want" ]]; then
    log "lab: lab/build is up to date (JupyterLab $(node -p 'require("'"$lab"'/node_modules/@jupyterlab/application/package.json").version' 2>/dev/null || echo '?'))"
    return 0
  fi
  local stamp="$lab/node_modules/.package-lock.json"
  if [[ ! -f $stamp || ! $stamp -nt $lab/package-lock.json ]]; then
    log "lab: npm ci in lab/ (JupyterLab's npm packages from the lockfile; several minutes)"
    (cd "$lab" && timeout 1200 npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in lab/ failed"
    log "lab: npm ci took $((SECONDS - start)) s"
  fi
  local wstart=$SECONDS
  rm -rf "$lab/build"
  log "lab: webpack (lab/build)"
  (cd "$lab" && timeout 1200 node node_modules/webpack-cli/bin/cli.js >"$lab/webpack.log" 2>&1) || {
    tail -30 "$lab/webpack.log" | sed 's/^/    | /' >&2
    die "webpack in lab/ failed (log: lab/webpack.log)"
  }
  printf '%s\n' "$want" >"$lab/build/.inputs.sha256"
  log "lab: built lab/build in $((SECONDS - wstart)) s (JupyterLab $(node -p 'require("'"$lab"'/node_modules/@jupyterlab/application/package.json").version'); $((SECONDS - start)) s in all)"
}

# deps_classroom installs classroom/node_modules (configurable-http-proxy,
# the Hub's proxy) from the committed lockfile when it is missing or older
# than the lockfile. Debian's node-configurable-http-proxy, which jupyterhub
# pulls in, cannot find its modules under NodeSource's Node.js.
deps_classroom() {
  command -v npm >/dev/null || die "npm not found: the classroom's proxy comes from npm"
  local d="$GONSIM_ROOT/classroom"
  local stamp="$d/node_modules/.package-lock.json" bin="$d/node_modules/.bin/configurable-http-proxy"
  if [[ -f $stamp && $stamp -nt $d/package-lock.json && -x $bin ]]; then
    log "npm: classroom/node_modules up to date (configurable-http-proxy $("$bin" --version))"
    return 0
  fi
  log "npm: npm ci in classroom/ (configurable-http-proxy from the lockfile)"
  (cd "$d" && timeout 600 npm ci --no-audit --no-fund --loglevel=error) \
    || die "npm ci in classroom/ failed"
}

# build_kernel builds bin/gonsim (the kernel, cmd/gonsim) and, beside it,
# bin/gonsim-worker (the process cells run in, cmd/gonsim-worker) and
# bin/gonsim-launch (cmd/gonsim-launch, which the kernelspec starts the
# kernel through). Static (CGO_ENABLED=0: neither Go binary needs cgo):
# without the dynamic loader the kernel listens about a millisecond sooner
# after exec, which decides the race with a frontend connecting at once
# (bench/kernelstart). The launcher listens sooner still: see build_launcher.
build_kernel() {
  deps_go
  [[ -d $GONSIM_ROOT/cmd/gonsim ]] || die "cmd/gonsim does not exist yet: nothing to build"
  (cd "$GONSIM_ROOT" && CGO_ENABLED=0 go build -o bin/ ./cmd/gonsim ./cmd/gonsim-worker) \
    || die "go build ./cmd/gonsim ./cmd/gonsim-worker failed"
  build_launcher
  log "build: $GONSIM_ROOT/bin/gonsim, bin/gonsim-worker and bin/gonsim-launch"
}

# build_launcher builds bin/gonsim-launch, static against musl (musl-tools):
# it listens a fraction of a millisecond after its exec. With cc instead
# (static glibc, when musl-gcc is missing) it listens about half a
# millisecond later.
build_launcher() {
  local cc=musl-gcc
  command -v musl-gcc >/dev/null || cc=cc
  command -v "$cc" >/dev/null || die "no C compiler for cmd/gonsim-launch (apt-get install musl-tools)"
  mkdir -p "$GONSIM_ROOT/bin"
  "$cc" -O2 -static -Wall -Werror -o "$GONSIM_ROOT/bin/gonsim-launch" "$GONSIM_ROOT/cmd/gonsim-launch/main.c" \
    || die "$cc cmd/gonsim-launch/main.c failed"
}

# install_kernelspec BINARY installs kernelspec/ as the user kernelspec
# "gonsim" (in $JUPYTER_DATA_DIR/kernels when that is set), running
# BINARY's absolute path through the gonsim-launch beside it, when there
# is one (see build_kernel). Prints the installed directory.
install_kernelspec() {
  local bin launch=""
  bin=$(realpath "$1")
  [[ -x $bin ]] || die "kernel binary $bin is missing or not executable"
  [[ -x $(dirname "$bin")/gonsim-launch ]] && launch=$(dirname "$bin")/gonsim-launch
  local src="$GONSIM_ROOT/kernelspec"
  [[ -f $src/kernel.json ]] || die "kernelspec/kernel.json does not exist yet"
  local tmp
  tmp=$(mktemp -d)
  cp -r "$src/." "$tmp/"
  "$PY" - "$tmp/kernel.json" "$bin" "$launch" <<'EOF' || { rm -rf "$tmp"; die "kernelspec/kernel.json: cannot rewrite argv"; }
import json, sys
path, binary, launch = sys.argv[1:4]
with open(path) as f:
    spec = json.load(f)
argv = spec.get("argv")
if not isinstance(argv, list) or not argv or "{connection_file}" not in argv:
    sys.exit(f"{path}: argv must be a list containing \"{{connection_file}}\", got {argv!r}")
argv[0] = binary
if launch:
    argv.insert(0, launch)
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
EOF
  local out
  out=$("$JUPYTER" kernelspec install --user --name gonsim "$tmp" 2>&1) || {
    rm -rf "$tmp"
    die "jupyter kernelspec install failed: $out"
  }
  rm -rf "$tmp"
  # Confirm Jupyter resolves the name to what we just installed.
  "$PY" - "$bin" "$launch" <<'EOF' || die "kernelspec gonsim is not resolvable after install"
import sys
from jupyter_client.kernelspec import KernelSpecManager
binary, launch = sys.argv[1:3]
spec = KernelSpecManager().get_kernel_spec("gonsim")
want = ([launch] if launch else []) + [binary]
if spec.argv[: len(want)] != want:
    sys.exit(f"kernelspec gonsim at {spec.resource_dir} runs {spec.argv}, not {want} and the connection file")
print(spec.resource_dir)
EOF
}

# install_console_config installs console/jupyter_console_config.py (Ctrl-C in
# jupyter console interrupts the running cell; see the file) into Jupyter's
# config directory ($JUPYTER_CONFIG_DIR when set). A jupyter_console_config.py
# that is not ours is left alone, with a note. Prints the installed path.
install_console_config() {
  local src="$GONSIM_ROOT/console/jupyter_console_config.py" dir dst
  dir=$("$JUPYTER" --config-dir) || die "jupyter --config-dir failed"
  dst="$dir/jupyter_console_config.py"
  if [[ -f $dst ]] && ! grep -q '^# gonsim: Ctrl-C in `jupyter console`' "$dst"; then
    log "note: $dst exists and is not gonsim's; Ctrl-C in jupyter console may not reach the kernel (see $src)"
    return 0
  fi
  mkdir -p "$dir"
  cp "$src" "$dst"
  printf '%s\n' "$dst"
}

# isolate_jupyter DIR points every Jupyter and IPython directory under DIR so
# that nothing reads or writes the user's real setup.
isolate_jupyter() {
  local d=$1
  mkdir -p "$d/config" "$d/data" "$d/runtime" "$d/ipython"
  export JUPYTER_CONFIG_DIR="$d/config" JUPYTER_DATA_DIR="$d/data"
  export JUPYTER_RUNTIME_DIR="$d/runtime" IPYTHONDIR="$d/ipython"
  export PYTHONNOUSERSITE=1
  unset JUPYTER_PATH JUPYTER_CONFIG_PATH JUPYTER_PREFER_ENV_PATH
}

# list_notebooks prints the notebooks in notebooks/ (not checkpoints), sorted.
list_notebooks() {
  find "$GONSIM_ROOT/notebooks" -maxdepth 1 -name '*.ipynb' -type f 2>/dev/null | sort
}

# execute_notebook IN OUTDIR [KERNEL] runs IN headless with KERNEL (gonsim) and
# writes OUTDIR/<same name>. Per-cell timeout 300 s, whole notebook 900 s.
execute_notebook() {
  local in=$1 outdir=$2 name
  name=$(basename "$in")
  mkdir -p "$outdir"
  rm -f "$outdir/$name"
  timeout --kill-after=10 900 "$JUPYTER" nbconvert --to notebook --execute \
    --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.startup_timeout=60 \
    --ExecutePreprocessor.kernel_name="${3:-gonsim}" \
    --output-dir "$outdir" --output "$name" "$in"
}

# stop_pid PID... sends TERM, waits up to 10 s, then KILLs what is left. Only
# the given PIDs; never by name.
stop_pid() {
  local p i
  for p in "$@"; do kill -TERM "$p" 2>/dev/null || true; done
  for ((i = 0; i < 100; i++)); do
    local alive=0
    for p in "$@"; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || return 0
    sleep 0.1
  done
  for p in "$@"; do kill -KILL "$p" 2>/dev/null || true; done
}

# descendants PID prints every descendant of PID (children first level first).
descendants() {
  local kids k
  kids=$(ps -o pid= --ppid "$1" 2>/dev/null || true)
  for k in $kids; do
    printf '%s\n' "$k"
    descendants "$k"
  done
}

# free_port prints a TCP port on 127.0.0.1 that the OS just handed out as
# free (bind to port 0). Another process may still take it before our server
# binds it; start_notebook_server handles that.
free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_notebook_server DIR TOKEN LOG starts Jupyter Notebook on 127.0.0.1
# serving DIR with TOKEN, its output in LOG, and returns once it answers an
# authenticated /api/status (so it is our server, not whoever else listens
# there). It sets server_pid, port and base. The port is asked from the OS
# right before the start; when the server still exits because that port was
# taken in between ("already in use"), it tries again on a fresh port, up to
# 3 times. Any other exit is fatal at once, with the server's log.
start_notebook_server() { start_jupyter_server notebook "$@"; }

# start_lab_server DIR TOKEN LOG does the same for gonsim's JupyterLab
# (lab/gonsim_lab.py on jupyter_server; needs lab/build, see build_lab).
start_lab_server() { start_jupyter_server lab "$@"; }

# start_jupyter_server KIND DIR TOKEN LOG: start_notebook_server (KIND
# notebook) and start_lab_server (KIND lab).
start_jupyter_server() {
  local kind=$1 dir=$2 tok=$3 logf=$4 attempt i
  local -a cmd
  for attempt in 1 2 3; do
    port=$(free_port)
    base="http://127.0.0.1:$port"
    if [[ $kind == lab ]]; then
      cmd=("$PY" "$GONSIM_ROOT/lab/gonsim_lab.py" --ServerApp.open_browser=False --ServerApp.ip=127.0.0.1
        --ServerApp.port="$port" --ServerApp.port_retries=0 --ServerApp.token="$tok"
        --ServerApp.password='' --ServerApp.root_dir="$dir" --allow-root)
    else
      cmd=("$JUPYTER" notebook --no-browser --ip=127.0.0.1 --port="$port" --port-retries=0
        --NotebookApp.token="$tok" --NotebookApp.password='' --notebook-dir="$dir" --allow-root)
    fi
    "${cmd[@]}" >"$logf" 2>&1 &
    server_pid=$!
    # Poll the server's own answer (or its exit), at most 60 s.
    for ((i = 0; i < 600; i++)); do
      if curl -sf -m 2 "$base/api/status?token=$tok" >/dev/null; then
        log "jupyter $kind (pid $server_pid) on $base (attempt $attempt)"
        return 0
      fi
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      tail -20 "$logf" >&2
      die "jupyter $kind (pid $server_pid) did not answer on $base within 60 s"
    fi
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    if grep -qE "port $port (is already in use|is not available)" "$logf"; then
      log "jupyter $kind: port $port was taken before the server bound it (attempt $attempt); trying a fresh port"
      cp "$logf" "$logf.attempt$attempt"
      continue
    fi
    sed 's/^/    | /' "$logf" | tail -30 >&2
    die "jupyter $kind exited at start (not a port conflict; its log is above)"
  done
  die "jupyter $kind: 3 fresh ports in a row were taken before the server bound them"
}
