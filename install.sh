#!/usr/bin/env bash
# Installs gonsim, the Go Jupyter kernel, and runs the notebooks headless.
#
#   ./install.sh          Debian packages (only the missing ones), build
#                         bin/gonsim (and its bin/gonsim-worker) and JupyterLab
#                         (lab/build, from npm; only when its inputs changed),
#                         install the "gonsim" kernelspec for this user, then
#                         execute every notebook in notebooks/ into out/notebooks/.
#   ./install.sh --deps   only the Debian packages (tests/run uses the same step)
#   ./install.sh --no-run everything but executing the notebooks
#
# Idempotent: run it again and it only rebuilds bin/gonsim and reinstalls the
# kernelspec (JupyterLab is rebuilt only when lab/'s inputs changed).
# Respects JUPYTER_DATA_DIR (the kernelspec goes to $JUPYTER_DATA_DIR/kernels).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tests/e2e/lib.sh"
cd "$GONSIM_ROOT"

mode=all
case "${1:-}" in
  "") ;;
  --deps) mode=deps ;;
  --no-run) mode=no-run ;;
  -h | --help)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *) die "unknown option $1 (try --help)" ;;
esac

step "Debian packages"
deps_apt
[[ $mode == deps ]] && exit 0

step "Build"
build_kernel
log "$(bin/gonsim --version 2>&1 | head -1)"

step "JupyterLab (lab/build)"
build_lab

step "Kernelspec"
specdir=$(install_kernelspec bin/gonsim)
log "installed kernelspec gonsim in $specdir, running $GONSIM_ROOT/bin/gonsim"
consolecfg=$(install_console_config)
[[ -n $consolecfg ]] && log "installed $consolecfg (Ctrl-C in jupyter console interrupts the running cell)"
[[ $mode == no-run ]] && exit 0

step "Notebooks (headless, nbconvert)"
outdir="$GONSIM_ROOT/out/notebooks"
mkdir -p "$outdir"
mapfile -t notebooks < <(list_notebooks)
((${#notebooks[@]} > 0)) || die "no notebooks in $GONSIM_ROOT/notebooks"
failed=() executed=()
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb")
  start=$SECONDS
  if execute_notebook "$nb" "$outdir" >"$outdir/${name%.ipynb}.log" 2>&1; then
    log "executed $name in $((SECONDS - start)) s -> out/notebooks/$name"
    executed+=("$outdir/$name")
  else
    log "FAILED $name after $((SECONDS - start)) s; the end of out/notebooks/${name%.ipynb}.log:"
    tail -15 "$outdir/${name%.ipynb}.log" | sed 's/^/    | /' >&2
    failed+=("$name")
  fi
done
if ((${#executed[@]} > 0)); then
  log "checking the executed notebooks (errors, figures, the results they declare):"
  PYTHONDONTWRITEBYTECODE=1 "$PY" tests/e2e/check_notebook.py --language go "${executed[@]}" >&2 \
    || failed+=("(checks of the executed notebooks)")
fi

cat >&2 <<EOF

Done. The executed notebooks are in $outdir
(the sources, without outputs, are in $GONSIM_ROOT/notebooks).
To open them in JupyterLab (on 127.0.0.1; it prints the URL with its token):

    lab/run $outdir

or in the classic Notebook:

    jupyter notebook --notebook-dir $outdir$( [[ $(id -u) -eq 0 ]] && printf ' --allow-root')

and pick the kernel "Go (gonsim)" for a new notebook. In a terminal:
jupyter console --kernel gonsim
EOF
((${#failed[@]} == 0)) || die "notebooks failed: ${failed[*]}"
