#!/usr/bin/env bash
# tools/emulated-cluster itself: skips with a reason where it cannot run,
# refuses bad usage, takes everything down even when the command fails, and
# shapes a node's link with tbf (netem: used where it exists, else named).
# Usage: tool.sh SOURCE_DIR BUILD_DIR WORK_DIR not-root|bad-usage|teardown|cap|delay
set -euo pipefail
src=$1 build=$2 work=$3 case=$4
source "$src/tests/cluster/lib.sh"
tool=$src/tools/emulated-cluster
rm -rf "$work" && mkdir -p "$work"

our_namespaces() {  # the namespaces of the cluster whose id is $1
  ip netns list | awk -v id="$1-" 'index($1, id) == 1 { print $1 }' | tr '\n' ' '
}

case $case in
  not-root)
    ((EUID == 0)) || skip "this test drops root to prove the skip, so it needs root to start"
    command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
    # Root inside a user namespace may have no uid 65534 to become.
    setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null \
      || skip "root here cannot become uid 65534 (a user namespace that does not map it)"
    # A copy where user 65534 can read it and write: the checkout may be private.
    open=$(mktemp -d)
    trap 'rm -rf "$open"' EXIT
    cp "$tool" "$open/" && chmod 755 "$open" "$open/emulated-cluster"
    rc=0
    (cd "$open" && setpriv --reuid=65534 --regid=65534 --clear-groups ./emulated-cluster up --dir "$open/c") 2>"$work/err" || rc=$?
    cat "$work/err"
    expect_eq "exit code without root" 77 "$rc"
    expect_grep "the reason" '^emulated-cluster: SKIP: network namespaces need root \(running as uid 65534\)$' "$work/err"
    [[ ! -e $open/c/cluster.env ]] || fail "a cluster was recorded without root"
    ;;
  bad-usage)
    ((EUID == 0)) || skip "needs root: usage is checked before the root check only for up"
    expect_usage() {  # expect_usage CODE PATTERN ARGS...
      local code=$1 pattern=$2 rc=0
      shift 2
      "$tool" "$@" >"$work/out" 2>"$work/err" || rc=$?
      expect_eq "exit code of '$*'" "$code" "$rc"
      expect_grep "message of '$*'" "$pattern" "$work/err"
    }
    expect_usage 2 "--nodes must be between 1 and 32 \(got '0'\)" up --dir "$work/c" --nodes 0
    expect_usage 2 "--slots: give one number or one per node \(3\), got '1,2'" up --dir "$work/c" --slots 1,2
    expect_usage 2 "--cap 'node4=1mbit': expected nodeK=RATE with K in 1..3" up --dir "$work/c" --cap node4=1mbit
    expect_usage 2 "--cap 'node1=fast'" up --dir "$work/c" --cap node1=fast
    expect_usage 2 "--delay 'node1=soon'" up --dir "$work/c" --delay node1=soon
    expect_usage 2 "unknown command 'start'" start
    expect_usage 1 "no emulated cluster in $work/none \(start one with" mpirun --dir "$work/none" -np 2 true
    expect_usage 1 "no emulated cluster in" exec --dir "$work/none" hostname
    [[ ! -e $work/c ]] || fail "bad usage created $work/c"
    cluster_up "$src" --nodes 2
    expect_usage 1 "no node '3' in this cluster \(node1..node2\)" exec --dir "$CLUSTER_DIR" --node 3 hostname
    expect_usage 2 "--timeout must be a number of seconds" mpirun --dir "$CLUSTER_DIR" --timeout soon -np 2 true
    ;;
  teardown)
    ((EUID == 0)) || skip "network namespaces need root"
    host_network() { ip -o link | sed 's/^[0-9]*: //; s/ qlen.*//' | sort; ip route; ip -6 route; }
    host_network >"$work/network.before"
    # run: up, a command that fails, down: the command's exit code, nothing left.
    rc=0
    # shellcheck disable=SC2016  # expanded by the inner sh, inside the cluster
    "$tool" run --dir "$work/c" --nodes 2 -- sh -c '
      . "$EMULATED_CLUSTER_DIR/cluster.env" && echo "$cluster_id" >"$1/run-id"
      hostname >"$1/host-of-caller"
      "$2" exec --node 2 hostname >"$1/host-of-node2"
      exit 3' sh "$work" "$tool" 2>"$work/run.err" || rc=$?
    cat "$work/run.err" >&2
    # 77: the tool could not make its nodes here (a container without the
    # right to create network namespaces) and said why: nothing to test.
    if ((rc == 77)); then
      skip "$(sed -n 's/^emulated-cluster: SKIP: //p' "$work/run.err" | head -n1)"
    fi
    expect_eq "exit code of the failing command" 3 "$rc"
    expect_eq "host name of node2 inside run" node2 "$(cat "$work/host-of-node2")"
    expect_eq "this machine's host name is untouched" "$(hostname)" "$(cat "$work/host-of-caller")"
    [[ ! -e $work/c ]] || fail "run left $work/c behind"
    expect_eq "namespaces left by run" "" "$(our_namespaces "$(cat "$work/run-id")")"

    # A test's EXIT trap (lib.sh) takes its cluster down when an assertion fails,
    # with the processes still running on its nodes.
    rc=0
    bash -c 'source "$1/tests/cluster/lib.sh"
             cluster_up "$1" --nodes 2 >/dev/null
             echo "$cluster_id" >"$2/test-id"
             "$CLUSTER_TOOL" exec --dir "$CLUSTER_DIR" --node 2 sleep 300 &
             echo $! >"$2/sleeper"
             sleep 1
             fail "a deliberate failure"' sh "$src" "$work" 2>/dev/null || rc=$?
    expect_eq "exit code of the failing test" 1 "$rc"
    expect_eq "namespaces left by the failed test" "" "$(our_namespaces "$(cat "$work/test-id")")"
    sleeper=$(cat "$work/sleeper")
    ! kill -0 "$sleeper" 2>/dev/null || { kill "$sleeper"; fail "a process on node2 of the failed test survived"; }
    echo "ok: node2's process is gone"

    host_network >"$work/network.after"
    diff "$work/network.before" "$work/network.after" || fail "this machine's interfaces or routes changed"
    echo "ok: this machine's interfaces and routes are as before"
    ;;
  cap)
    cluster_up "$src" --nodes 3 --cap node3=2mbit
    qdisc() { ip netns exec "$1" tc qdisc show dev "$2"; }
    expect_eq "node3 sends through tbf" 1 "$(qdisc "$(node_namespace 3)" eth0 | grep -c 'tbf .*rate 2Mbit')"
    expect_eq "node3 receives through tbf" 1 "$(qdisc "$cluster_id-sw" p3 | grep -c 'tbf .*rate 2Mbit')"
    expect_eq "node2 is not shaped" 0 "$(qdisc "$(node_namespace 2)" eth0 | grep -c tbf || true)"
    # 1 MiB at 2 Mbit/s, less the 64 KiB burst, cannot take less than 3.9 s: a
    # lower bound, not a speed.
    "$CLUSTER_TOOL" exec --dir "$CLUSTER_DIR" --node 1 "$build/fileserver" --address 10.77.0.1 --port 0 \
      --port-file "$work/port" --synthetic 1 --size 1MiB --url-list "$work/urls.txt" --quiet &
    server=$!
    trap 'kill "$server" 2>/dev/null || true; cluster_down' EXIT
    for _ in $(seq 100); do [[ -s $work/urls.txt ]] && break; sleep 0.1; done
    [[ -s $work/urls.txt ]] || fail "the fileserver on node1 did not start"
    for k in 2 3; do
      "$CLUSTER_TOOL" exec --dir "$CLUSTER_DIR" --node $k "$build/download" --driver serial -i "$work/urls.txt" \
        -o "$work/node$k" --json >"$work/node$k.json" || fail "node$k could not download from node1"
      echo "node$k: 1 MiB in $(json "$work/node$k.json" 'round(j["seconds"], 3)') s"
    done
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["seconds"]; sys.exit(0 if s >= 3.5 else 1)' "$work/node3.json" ||
      fail "node3 fetched 1 MiB faster than its 2 Mbit/s cap allows"
    echo "ok: node3's cap holds"
    ;;
  delay)
    ((EUID == 0)) || skip "network namespaces need root"
    rc=0
    "$tool" up --dir "$work/c" --nodes 2 --delay node2=10 >"$work/out" 2>"$work/err" || rc=$?
    cat "$work/out" "$work/err"
    if ((rc == 77)); then
      expect_grep "the reason names netem" '^emulated-cluster: SKIP: --delay needs the netem qdisc, which this kernel does not have' "$work/err"
      [[ ! -e $work/c/cluster.env ]] || fail "a cluster was left after the refusal"
      skip "netem is not available in this kernel: --delay is refused with that reason (checked)"
    fi
    CLUSTER_TOOL=$tool CLUSTER_DIR=$work/c
    trap cluster_down EXIT
    expect_eq "exit code of up --delay" 0 "$rc"
    # shellcheck source=/dev/null  # written by emulated-cluster up
    source "$work/c/cluster.env"
    expect_eq "node2 delays what it sends by half the round trip" 1 \
      "$(ip netns exec "$(node_namespace 2)" tc qdisc show dev eth0 | grep -c 'netem .*delay 5ms')"
    ;;
  *) fail "unknown case '$case'" ;;
esac
