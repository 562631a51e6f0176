"""slurm-hybrid: a batch script whose layout, thread count and launch line
must agree. Graded by a dry run: the script runs with the variables sbatch
would set, and a stand-in srun records what it would have started."""
import json
import os
import re
import shlex
import shutil
import subprocess

from .. import process, report

NAME = "slurm-hybrid"
ORDER = 10
SUMMARY = "fix a hybrid batch script: --cpus-per-task, OMP_NUM_THREADS and the srun line"
HANDOUT = "labs/slurm.md"
START = "start.sbatch"

RANKS, THREADS = 2, 2
_SHORT = {"-n": "ntasks", "-c": "cpus-per-task", "-N": "nodes", "-J": "job-name", "-t": "time"}


def sbatch_options(path):
    """The #SBATCH options of the script's header, long names without dashes."""
    options = {}
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.startswith("#SBATCH"):
                if line.strip() and not line.startswith("#"):
                    break  # sbatch stops reading options at the first command
                continue
            words = shlex.split(line[len("#SBATCH"):], comments=True)
            for index, word in enumerate(words):
                if word.startswith("--"):
                    key, _, value = word[2:].partition("=")
                    options[key] = value
                elif word in _SHORT and index + 1 < len(words):
                    options[_SHORT[word]] = words[index + 1]
    return options


def prepare(file, workdir):
    """The 'build' of a batch script: bash must be able to parse it."""
    result = subprocess.run(["bash", "-n", file], capture_output=True, text=True)
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines()
        return None, report.failed("build", "a script bash can parse", lines[0] if lines else "bash -n failed",
                                   "fix the syntax error bash names", lines)
    copy = os.path.join(workdir, "job.sbatch")
    shutil.copy(file, copy)
    return copy, report.passed("build", os.path.basename(file) + " parses")


def _dry_run(grading, cpus_per_task):
    """Runs the script as sbatch would start it, with -c `cpus_per_task`."""
    bin_dir = grading.path(f"bin-{cpus_per_task}")
    record = grading.path(f"record-{cpus_per_task}")
    os.makedirs(bin_dir, exist_ok=True)
    os.makedirs(record, exist_ok=True)
    stand_in = os.path.join(grading.source_root, "labs", "check-support", "stand-in-launcher")
    for launcher in ("srun", "mpirun", "mpiexec"):
        os.symlink(stand_in, os.path.join(bin_dir, launcher))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SLURM_", "OMP_"))}
    env.update({"PATH": bin_dir + os.pathsep + env.get("PATH", ""), "PARAKIT_CHECK_RECORD": record,
                "SLURM_JOB_ID": "4242", "SLURM_JOB_NAME": "primes-hybrid", "SLURM_NTASKS": str(RANKS),
                "SLURM_NPROCS": str(RANKS), "SLURM_CPUS_PER_TASK": str(cpus_per_task),
                "SLURM_JOB_NUM_NODES": "1", "SLURM_JOB_NODELIST": "node1",
                "SLURM_SUBMIT_DIR": grading.source_root})
    outcome = process.run(["bash", grading.program], grading.timeout, env=env, cwd=grading.source_root)
    launches = []
    path = os.path.join(record, "launches.jsonl")
    if os.path.exists(path):
        with open(path) as handle:
            launches = [json.loads(line) for line in handle if line.strip()]
    return outcome, launches


def _cpus_given(argv):
    """The CPUs per task an srun command line asks for, or None."""
    for index, word in enumerate(argv):
        if word in ("-c", "--cpus-per-task") and index + 1 < len(argv):
            return argv[index + 1]
        match = re.match(r"^(?:--cpus-per-task=|-c)(\d+)$", word)
        if match:
            return match.group(1)
    return None


def _layout_check(options):
    name = f"the job asks for {RANKS} tasks of {THREADS} CPUs"
    tasks = options.get("ntasks")
    if tasks is None and "ntasks-per-node" in options:
        tasks = str(int(options.get("nodes", "1")) * int(options["ntasks-per-node"]))
    cpus = options.get("cpus-per-task", "1")
    if tasks != str(RANKS):
        return report.failed(name, f"#SBATCH --ntasks={RANKS}", f"ntasks {tasks or 'not set'}",
                             "one task per MPI rank")
    if cpus != str(THREADS):
        return report.failed(name, f"#SBATCH --cpus-per-task={THREADS}", f"--cpus-per-task={cpus}",
                             f"each rank runs {THREADS} OpenMP threads, so each task needs {THREADS} CPUs: "
                             "with one, the threads of a rank take turns on a single core")
    return report.passed(name, f"--ntasks={tasks} --cpus-per-task={cpus}")


def _launch_check(name, outcome, launches, cpus):
    if outcome.timed_out or outcome.returncode != 0:
        tail = outcome.stderr.strip().splitlines()[-5:]
        return report.failed(name, "the script ends with status 0", f"status {outcome.returncode}",
                             "read the script's error output below", tail)
    if len(launches) != 1:
        return report.failed(name, "one srun line that starts primes", f"{len(launches)} launches",
                             "a job step per run: one srun line")
    launch = launches[0]
    if launch["launcher"] != "srun":
        return report.failed(name, "ranks started by srun", f"started by {launch['launcher']}",
                             "inside an allocation srun starts one rank per task, placed by Slurm")
    argv = launch["argv"]
    program = next((word for word in argv if os.path.basename(word) == "primes"), None)
    if program is None or "--driver" not in argv or argv[argv.index("--driver") + 1:][:1] != ["hybrid"]:
        return report.failed(name, "srun ... primes --driver hybrid ...", " ".join(argv),
                             "the job runs primes with the hybrid driver")
    given = _cpus_given(argv[:argv.index(program)])
    if given != str(cpus):
        return report.failed(name, f"srun --cpus-per-task={cpus} (the job's $SLURM_CPUS_PER_TASK)",
                             f"srun {' '.join(argv[:argv.index(program)])}",
                             "since Slurm 22.05 srun does not inherit --cpus-per-task from the job: pass "
                             "--cpus-per-task=\"$SLURM_CPUS_PER_TASK\" to srun, or each rank gets one CPU")
    if launch["OMP_NUM_THREADS"] != str(cpus):
        return report.failed(name, f"OMP_NUM_THREADS={cpus} when the job has {cpus} CPUs per task",
                             f"OMP_NUM_THREADS={launch['OMP_NUM_THREADS'] or '(unset)'}",
                             "take the thread count from Slurm: OMP_NUM_THREADS=$SLURM_CPUS_PER_TASK, so it "
                             "stays right when someone submits with sbatch -c N")
    return report.passed(name, f"srun --cpus-per-task={cpus}, OMP_NUM_THREADS={cpus}")


def grade(grading):
    yield _layout_check(sbatch_options(grading.program))
    # As written, then as `sbatch -c 4 job.sbatch` would run it: the launch must follow.
    for cpus, how in ((THREADS, "as submitted"), (4, "submitted with sbatch -c 4")):
        outcome, launches = _dry_run(grading, cpus)
        yield _launch_check(f"the launch line, {how}", outcome, launches, cpus)
