#!/usr/bin/env bash
# The dynamic schedule must keep every rank fed when ranks talk over TCP, as
# they do between nodes: a counter that only progresses while rank 0 enters MPI
# would leave rank 1 with one task. Forcing the TCP transport on one machine
# exercises the same path.
# Usage: dynamic_over_tcp.sh MPIRUN PRIMES
set -euo pipefail
mpirun=$1 primes=$2
json=$("$mpirun" --mca btl self,tcp -np 2 "$primes" --driver mpi --schedule dynamic --tasks 40 \
       --range 0 3e8 --json)
python3 - "$json" <<'PY'
import json, sys
result = json.loads(sys.argv[1])
assert result["count"] == 16252325, f"pi(3e8) is 16252325, got {result['count']}"
tasks = sorted(w["tasks"] for w in result["workers"])
assert sum(tasks) == 40, f"tasks handed out: {tasks}"
assert tasks[0] >= 5, f"a rank starved over TCP: tasks per rank {tasks}"
print(f"ok: pi(3e8) = {result['count']}, tasks per rank {tasks}")
PY
