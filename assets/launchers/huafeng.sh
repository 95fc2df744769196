#!/bin/sh
# Huafeng for Linux: double-click (or run) this. The first start sets everything up (a virtual environment,
# the requirements, the Qt libraries, the default models: scripts/bootstrap.py) in a terminal window so you
# can follow it, and adds Huafeng to the application menu; later starts open the app at once.
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

if [ ! -x "$repo/.venv/bin/python" ] && [ ! -t 1 ] && [ -z "$HUAFENG_IN_TERMINAL" ] &&
    command -v x-terminal-emulator >/dev/null 2>&1; then
    HUAFENG_IN_TERMINAL=1 exec x-terminal-emulator -e "$here/huafeng.sh" "$@"
fi
data=${XDG_DATA_HOME:-$HOME/.local/share}
if [ ! -f "$data/applications/huafeng.desktop" ]; then
    python3 "$here/install_menu_entry.py" || true
fi
cd "$repo" || exit 1
exec python3 scripts/bootstrap.py app "$@"
