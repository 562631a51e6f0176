#!/usr/bin/env bash
# download over emulated nodes: a fileserver runs on node1, bound to its
# address on the test subnet; ranks on every node fetch their share of its
# files into their own node's folder (-o 'out/{host}'), and the summary names
# the host of every file.
# Usage: download_across_nodes.sh SOURCE_DIR BUILD_DIR WORK_DIR DRIVER
set -euo pipefail
src=$1 build=$2 work=$3 driver=$4
source "$src/tests/cluster/lib.sh"
rm -rf "$work" && mkdir -p "$work"

cluster_up "$src" --nodes 3 --slots 2
files=24
# 50 ms per request: every rank is still asking when the others start.
"$CLUSTER_TOOL" exec --dir "$CLUSTER_DIR" --node 1 "$build/fileserver" --address 10.77.0.1 --port 0 \
  --port-file "$work/port" --synthetic "$files" --size 96KiB --latency-ms 50 --url-list "$work/urls.txt" --quiet &
server=$!
trap 'kill "$server" 2>/dev/null || true; cluster_down' EXIT
for _ in $(seq 100); do [[ -s $work/urls.txt ]] && break; sleep 0.1; done
[[ -s $work/urls.txt ]] || fail "the fileserver on node1 did not start"
expect_grep "URLs point at node1's subnet address" '^http://10\.77\.0\.1:[0-9]+/synthetic-000\.bin sha256=' "$work/urls.txt"

launch=(-np 6)
per_rank=()
[[ $driver == hybrid ]] && { launch=(-np 3 --map-by node); per_rank=(--jobs 2); }
on_cluster "${launch[@]}" "$build/download" --driver "$driver" "${per_rank[@]}" -i "$work/urls.txt" \
  -o "$work/out/{host}" --manifest "$work/SHA256SUMS" --json >"$work/run.json" || fail "download over 3 nodes failed"

expect_eq "files saved" "$files" "$(json "$work/run.json" 'j["totals"]["ok"]')"
expect_eq "output folder as given" "$work/out/{host}" "$(json "$work/run.json" 'j["output_dir"]')"
expect_eq "one folder per host" "node1=$work/out/node1 node2=$work/out/node2 node3=$work/out/node3" \
  "$(json "$work/run.json" '" ".join(f"{h}={d}" for h, d in sorted(j["output_dirs"].items()))')"
expect_hosts "hosts that saved files" "node1 node2 node3" "$work/run.json" '[f["host"] for f in j["files"]]'
expect_eq "files saved outside their host's folder" none \
  "$(json "$work/run.json" '" ".join(f["path"] for f in j["files"] if f["path"] != "'"$work"'/out/" + f["host"] + "/" + f["path"].split("/")[-1]) or "none"')"
# Each folder holds exactly the files the summary puts on its host, and nothing half-written.
for host in node1 node2 node3; do
  expect_eq "files in out/$host" \
    "$(json "$work/run.json" '" ".join(sorted(f["path"].split("/")[-1] for f in j["files"] if f["host"] == "'$host'"))')" \
    "$(find "$work/out/$host" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ' | sed 's/ $//')"
done
(cd "$work" && sha256sum --quiet -c SHA256SUMS) || fail "a saved file does not match the manifest"
echo "ok: every file matches its sha256 ($(grep -vc '^#' "$work/SHA256SUMS") in the manifest)"
cmp <(sed 's/.*sha256=//' "$work/urls.txt" | sort) <(grep -v '^#' "$work/SHA256SUMS" | cut -d' ' -f1 | sort) ||
  fail "the manifest's checksums are not the server's"

# The human summary: a host column, and the folder of each host.
on_cluster "${launch[@]}" "$build/download" --driver "$driver" "${per_rank[@]}" -i "$work/urls.txt" \
  -o "$work/again/{host}" >"$work/run.txt" || fail "download over 3 nodes (table) failed"
cat "$work/run.txt"
expect_grep "table header names the host" '^ *file +status +size +seconds +tries +host +rank' "$work/run.txt"
for host in node1 node2 node3; do
  expect_grep "a file saved on $host" "^ *synthetic-[0-9]+\.bin +ok .* $host +[0-9]+ " "$work/run.txt"
  expect_grep "$host's folder" "^ +on $host +$work/again/$host\$" "$work/run.txt"
done

# A node that cannot make its folder stops the job before any transfer, named.
mkdir -p "$work/blocked" && : >"$work/blocked/node3"
rc=0
on_cluster "${launch[@]}" "$build/download" --driver "$driver" "${per_rank[@]}" -i "$work/urls.txt" \
  -o "$work/blocked/{host}" >"$work/blocked.out" 2>"$work/blocked.err" || rc=$?
cat "$work/blocked.err"
expect_eq "exit code when node3 cannot make its folder" 2 "$rc"
expect_grep "the error names node3's rank" \
  "^download: error: rank [0-9]+ on node3: cannot create output directory '$work/blocked/node3'" "$work/blocked.err"
[[ ! -e $work/blocked/node1 || -z $(ls -A "$work/blocked/node1") ]] || fail "files were saved before the error"
echo "ok: nothing downloaded"
