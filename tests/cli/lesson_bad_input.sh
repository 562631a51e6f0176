#!/usr/bin/env bash
# Every bad command line of lesson: see lib.sh for what each row asserts.
# Output files are refused before the lesson runs, so nothing is printed.
# Usage: lesson_bad_input.sh LESSON WORKDIR
source "$(dirname "$0")/lib.sh"
setup lesson "$1" "$2"
printf 'old\n' >"$fx/exists.svg"

bad "unknown lesson 'nosuch'"                    nosuch
bad "not expected"                               race --bogus
bad "not expected"                               --list extra
bad "--threads must be between 1 and 256, got 100000" race --threads 100000
bad "--threads must be between 1 and 256, got -1" race --threads -1
bad "--trace needs a file name"                  gil --trace ""
bad "--timeline needs a file name"               gil --timeline ""
bad "folder '$fx/nodir' does not exist"          gil --timeline "$fx/nodir/x.svg"
bad "--timeline '$fx' is a directory"            gil --timeline "$fx"
bad "--timeline file '$fx/exists.svg' already exists (add --force to overwrite it)" gil --timeline "$fx/exists.svg"
bad "--trace and --timeline both name 'x'"       gil --trace x --timeline x
finish
