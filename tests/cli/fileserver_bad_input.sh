#!/usr/bin/env bash
# Every bad command line of fileserver: see lib.sh for what each row asserts.
# Usage: fileserver_bad_input.sh FILESERVER WORKDIR
source "$(dirname "$0")/lib.sh"
setup fileserver "$1" "$2"
printf 'old\n' >"$fx/exists.txt"

bad "nothing to serve"                           --port 0
bad "--port -1 is out of range"                  --port -1 --synthetic 1
bad "--port 70000 is out of range"               --port 70000 --synthetic 1
bad "--synthetic must be between 0 and 100000 (got -1)" --synthetic -1
bad "--synthetic must be between 0 and 100000 (got 100000000)" --synthetic 100000000
bad "--synthetic"                                --synthetic 1e9
bad "--size: 'nan' is not a size"                --size nan --synthetic 1
bad "--rate: '0' is not a positive number"       --rate 0 --synthetic 1
bad "--latency-ms must be between 0 and 600000 (got nan)" --latency-ms nan --synthetic 1
bad "--latency-ms must be between 0 and 600000 (got 1e+300)" --latency-ms 1e300 --synthetic 1
bad "--latency-ms must be between 0 and 600000 (got -5)" --latency-ms -5 --synthetic 1
bad "--threads must be between 1 and 1024 (got 0)" --threads 0 --synthetic 1
bad "--threads must be between 1 and 1024 (got 1000000)" --threads 1000000 --synthetic 1
bad "--dir '$fx/none' is not a directory"        --dir "$fx/none"
bad "--dir '$fx/exists.txt' is not a directory"  --dir "$fx/exists.txt"
bad "--port-file needs a name"                   --synthetic 1 --port 0 --port-file ""
bad "folder '$fx/nodir' does not exist"          --synthetic 1 --port 0 --port-file "$fx/nodir/port"
bad "--port-file '$fx' is a directory"           --synthetic 1 --port 0 --port-file "$fx"
bad "--url-list file '$fx/exists.txt' already exists (add --force to overwrite it)" --synthetic 1 --port 0 --url-list "$fx/exists.txt"
bad "--url-list '$fx' is a directory"            --synthetic 1 --port 0 --url-list "$fx" --force
bad "--port-file and --url-list both name"       --synthetic 1 --port 0 --port-file x --url-list x
bad "not expected"                               --bogus
finish
