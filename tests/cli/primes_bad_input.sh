#!/usr/bin/env bash
# Every bad command line of primes: see lib.sh for what each row asserts.
# Usage: primes_bad_input.sh PRIMES WORKDIR
source "$(dirname "$0")/lib.sh"
setup primes "$1" "$2"
printf '7 11\n' >"$fx/exists.txt"
printf '\x01\x80\xff\x1b[2Jzz\n7\n' >"$fx/garbage.bin"
printf '# nothing\n\n' >"$fx/empty.txt"
printf '7 11\n13 x9\n' >"$fx/bad-numbers.txt"
mkfifo "$fx/fifo"  # not /dev/null: a build without the check would replace it

bad "LO (5) is greater than HI (2)"          --range 5 2
bad "--range"                                --range 5
bad "--range LO: empty number"               --range "" 5
bad "'nan' is not a number"                  --range 0 nan
bad "'inf' is not a number"                  --check inf
bad "exceeds 2^64-1"                         --range 0 18446744073709551616
bad "exceeds 2^64-1"                         --range 0 1e99999999999999999999
bad "exceeds 2^64-1"                         --range 0 2^99999999999999
bad "'2^64-1-2^64' is negative"              --range 0 2^64-1-2^64
bad "not a whole number"                     --range 0 1.5
bad "not a whole number"                     --range 0 0.5000000000000000000000000
bad "'-5' is negative"                       --check -5
bad "--threads must be between 1 and 1024 (got 0)"      --threads 0
bad "--threads must be between 1 and 1024 (got -1)"     --threads -1
bad "--threads must be between 1 and 1024 (got 100000)" --threads 100000 --range 0 10
bad "--threads"                              --threads 99999999999
bad "--threads"                              --threads abc
bad "--tasks must be at least 1"             --tasks 0
bad "--seed: '-1' is negative"               --seed -1
bad "--min: '1e30' exceeds 2^64-1"           --min 1e30
bad "--min (9) is greater than --max (3)"    --check 10 --min 9 --max 3
bad "unknown --kernel 'fast'"                --kernel fast
bad "unknown --driver 'gpu'"                 --driver gpu
bad "unknown --schedule 'guided'"            --schedule guided
bad "the sieve kernel needs --range"         --check 100 --kernel sieve
bad "not expected"                           --bogus
bad "excludes"                               --range 0 10 --check 5
bad "cannot open --numbers file '$fx/missing.txt': No such file or directory" --numbers "$fx/missing.txt"
bad "--numbers '$fx' is a directory"         --numbers "$fx"
bad "--numbers '$fx/empty.txt': no numbers in it" --numbers "$fx/empty.txt"
bad "$fx/bad-numbers.txt:2: 'x9' is not a number" --numbers "$fx/bad-numbers.txt"
bad "$fx/garbage.bin:1: '\x01\x80\xff\x1b[2Jzz' is not a number" --numbers "$fx/garbage.bin" --driver serial
BAD_STDIN=$fx/bad-numbers.txt
bad "<stdin>:2: 'x9' is not a number"        --numbers - --driver serial
bad "line longer than 16 MiB"                --numbers /dev/zero --driver serial
bad "--list needs a file name"               --range 0 100 --list ""
bad "--trace needs a file name"              --range 0 100 --trace ""
bad "--list file '$fx/exists.txt' already exists (add --force to overwrite it)" --range 0 100 --list "$fx/exists.txt"
bad "--list '$fx' is a directory"            --range 0 100 --list "$fx" --force
bad "folder '$fx/nodir' does not exist"      --range 0 100 --list "$fx/nodir/primes.txt"
bad "--timeline file '$fx/exists.txt' already exists" --range 0 100 --timeline "$fx/exists.txt"
bad "--trace and --timeline both name 'run.x'"   --range 0 100 --trace run.x --timeline run.x
bad "--list and --trace both name 'run.x'"       --range 0 100 --list run.x --trace run.x
bad "--list '$fx/fifo' exists and is not a regular file" --range 0 100 --list "$fx/fifo" --force
finish
