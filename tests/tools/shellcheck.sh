#!/usr/bin/env bash
# Every shell script of the project passes shellcheck: scripts with a sh/bash
# shebang or a .sh/.sbatch name under .ci, bench, labs, slurm, tests and tools.
# Batch scripts are read as bash (their #SBATCH lines are comments to bash).
# Skips (77) with the reason when shellcheck is not installed.
set -euo pipefail
source_dir=$1
command -v shellcheck >/dev/null 2>&1 || { echo "SKIP: shellcheck is not installed (tools/install-deps test)"; exit 77; }

scripts=()
while IFS= read -r -d '' file; do
  case $file in
    *.sh | *.sbatch) scripts+=("$file") ;;
    *) if head -n 1 "$file" | grep -qE '^#!.*[/ ](ba)?sh( |$)'; then scripts+=("$file"); fi ;;
  esac
done < <(find "$source_dir/.ci" "$source_dir/bench" "$source_dir/labs" "$source_dir/slurm" "$source_dir/tests" \
              "$source_dir/tools" -type f ! -name '*.md' ! -name '*.cpp' ! -name '*.hpp' ! -name '*.py' -print0)
((${#scripts[@]} >= 20)) || { echo "FAIL: found only ${#scripts[@]} scripts under $source_dir" >&2; exit 1; }

# The check must still catch an unquoted variable, whatever .shellcheckrc says.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
# shellcheck disable=SC2016  # the $1 is meant literally
printf '#!/usr/bin/env bash\nrm -f $1\n' >"$probe/unquoted.sh"
if shellcheck --rcfile "$source_dir/.shellcheckrc" --shell=bash "$probe/unquoted.sh" >/dev/null 2>&1; then
  echo "FAIL: shellcheck accepted an unquoted \$1: the check is switched off" >&2
  exit 1
fi

cd "$source_dir"
shellcheck --shell=bash --external-sources --format=gcc "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts clean"
