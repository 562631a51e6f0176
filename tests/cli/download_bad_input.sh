#!/usr/bin/env bash
# Every bad command line of download: see lib.sh for what each row asserts.
# No case reaches the network: each is refused before any transfer starts.
# Usage: download_bad_input.sh DOWNLOAD WORKDIR
source "$(dirname "$0")/lib.sh"
setup download "$1" "$2"
url=http://127.0.0.1:9/a.bin
printf 'old\n' >"$fx/exists.txt"
printf '# nothing\n\n' >"$fx/empty.txt"
printf 'http://h/a\n\x01\xfe\x1b[2J\n' >"$fx/garbage.txt"
printf 'http://h/a sha256=abc\n' >"$fx/short-hash.txt"
printf 'http://h/a extra\n' >"$fx/extra.txt"

bad "'ftp://x/y' uses the ftp scheme; only http and https are allowed" ftp://x/y
bad "'file:///etc/passwd' uses the file scheme"  file:///etc/passwd
bad "holds a space or control character"         "http://127.0.0.1:9/a b"
bad "'http://' is not a valid URL"               http://
bad "'notaurl' is not a URL"                     notaurl
bad "give URLs or -i FILE, not both"             -i "$fx/empty.txt" "$url"
bad "cannot read URL list '$fx/missing.txt': No such file or directory" -i "$fx/missing.txt"
bad "URL list '$fx' is a directory"              -i "$fx"
bad "$fx/empty.txt: no URLs in it"               -i "$fx/empty.txt"
bad "$fx/garbage.txt:2: '???[2J' holds a space or control character" -i "$fx/garbage.txt"
bad "$fx/short-hash.txt:1: 'sha256=abc' is not 64 hex digits" -i "$fx/short-hash.txt"
bad "unexpected 'extra' after the URL"           -i "$fx/extra.txt"
BAD_STDIN=$fx/empty.txt
bad "standard input: no URLs in it"              -i -
bad "line longer than 16 MiB"                    -i /dev/zero
bad "--input needs a name"                       -i ""
bad "--jobs must be between 1 and 1024 (got 0)"  --jobs 0 "$url"
bad "--jobs must be between 1 and 1024 (got 100000)" --jobs 100000 "$url"
bad "--jobs"                                     --jobs -1 "$url"
bad "runs one transfer at a time"                --driver serial --jobs 4 "$url"
bad "--retries must be between 0 and 100 (got -1)" --retries -1 "$url"
bad "--retry-delay must be between 0 and 86400 seconds (got nan)" --retry-delay nan "$url"
bad "--retry-delay must be between 0 and 86400 seconds (got inf)" --retry-delay inf "$url"
bad "--connect-timeout must be between 0 and 86400 seconds (got -1)" --connect-timeout -1 "$url"
bad "--stall-timeout must be between 0 and 86400 seconds" --stall-timeout 1e9 "$url"
bad "--max-size: '0' is not a size"              --max-size 0 "$url"
bad "--max-size: '-5' is not a size"             --max-size -5 "$url"
bad "--max-size: '1e99' is not a size"           --max-size 1e99 "$url"
bad "--size: '1e99' is not a size"               --size 1e99
bad "--size: 'nan' is not a size"                --size nan
bad "--rate: 'nan' is not a number of bytes/s"   --rate nan
bad "--files must be between 1 and 10000 (got 0)" --files 0
bad "--latency-ms must be between 0 and 60000"   --latency-ms nan
bad "they do not apply to URLs"                  --files 3 "$url"
bad "unknown --driver 'gpu'"                     --driver gpu
bad "unknown --rank-driver 'fork'"               --rank-driver fork
bad "unknown --schedule 'x'"                     --schedule x
bad "not expected"                               --bogus
bad "--output-dir needs a name"                  -o "" "$url"
bad "cannot create output directory '$fx/exists.txt'" -o "$fx/exists.txt" "$url"
bad "--manifest needs a name"                    --manifest "" "$url"
bad "--manifest file '$fx/exists.txt' already exists (add --force to overwrite it)" -o "$fx" --manifest "$fx/exists.txt" "$url"
bad "--manifest '$fx' is a directory"            -o "$fx" --manifest "$fx" "$url"
bad "folder '$fx/nodir' does not exist"          -o new-folder --manifest "$fx/nodir/SHA256SUMS" "$url"
bad "--trace needs a name"                       --trace "" "$url"
bad "--timeline file '$fx/exists.txt' already exists" -o "$fx" --timeline "$fx/exists.txt" "$url"
bad "--trace and --timeline both name 'run.x'"   -o "$fx" --trace run.x --timeline run.x "$url"
bad "--cacert '$fx' is a directory"              -o "$fx" --cacert "$fx" "$url"
bad "--cacert '$fx/none.pem' cannot be read: No such file or directory" -o "$fx" --cacert "$fx/none.pem" "$url"
finish
