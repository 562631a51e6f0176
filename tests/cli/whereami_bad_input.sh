#!/usr/bin/env bash
# Every bad command line of whereami: see lib.sh for what each row asserts.
# Usage: whereami_bad_input.sh WHEREAMI WORKDIR
source "$(dirname "$0")/lib.sh"
setup whereami "$1" "$2"

bad "--threads must be between 1 and 4096, not 0"    --threads 0
bad "--threads must be between 1 and 4096, not -1"   --threads -1
bad "--threads must be between 1 and 4096, not 5000" --threads 5000
bad "--threads"                                      --threads abc
bad "--spin must be between 0 and 60 seconds, not nan" --spin nan
bad "--spin must be between 0 and 60 seconds, not -1" --spin -1
bad "--spin must be between 0 and 60 seconds, not inf" --spin inf
bad "not expected"                                   --bogus
finish
