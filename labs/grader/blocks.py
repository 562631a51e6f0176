"""Checks of how a range was split into per-rank blocks, shared by the
exercises that print one 'rank R of N: numbers A to B' line per rank."""
import re

BLOCK_LINE = re.compile(r"^rank (\d+) of (\d+): (?:numbers (\d+) to (\d+)|no numbers), (\d+) primes$")


def parse_blocks(lines):
    """rank -> (first, last, primes); first and last are None for an empty block.
    A rank that printed twice maps to a list of its lines instead."""
    blocks = {}
    for line in lines:
        match = BLOCK_LINE.match(line.strip())
        if not match:
            continue
        rank = int(match.group(1))
        first = int(match.group(3)) if match.group(3) else None
        last = int(match.group(4)) if match.group(4) else None
        blocks.setdefault(rank, []).append((first, last, int(match.group(5))))
    return blocks


def block_problem(blocks, ranks, lo, hi):
    """(expected, got, hint) for the first thing wrong with the split, or None."""
    for rank in range(ranks):
        if rank not in blocks:
            return (f"one 'rank {rank} of {ranks}: ...' line", "none",
                    f"rank {rank} printed no block line: did it return early?")
        if len(blocks[rank]) > 1:
            return (f"one line from rank {rank}", f"{len(blocks[rank])} lines", "each rank prints its block once")
    extra = sorted(set(blocks) - set(range(ranks)))
    if extra:
        return (f"ranks 0 to {ranks - 1}", f"a line from rank {extra[0]}", "rank numbers come from MPI_Comm_rank")
    spans = [(rank, *blocks[rank][0][:2]) for rank in range(ranks)]
    nonempty = [(rank, first, last) for rank, first, last in spans if first is not None]
    if not nonempty:
        return (f"blocks that cover [{lo}, {hi}]", "every block empty", "the blocks must cover the whole range")
    for rank, first, last in nonempty:
        if last < first:
            return (f"rank {rank}'s block to end at or after its start", f"numbers {first} to {last}",
                    "a block's last number is its first plus its length minus one")
    rank, first, _ = nonempty[0]
    if first != lo:
        where = "before" if first < lo else "after"
        return (f"the first block to start at {lo}", f"rank {rank} starts at {first}",
                f"the range starts at {lo}; rank {rank} starts {where} it")
    for (prev_rank, _, prev_last), (rank, first, last) in zip(nonempty, nonempty[1:]):
        if first <= prev_last:
            expected = (f"rank {rank} to start at {prev_last + 1}" if prev_last < hi else
                        f"each rank to count only its own part of [{lo}, {hi}]")
            return (expected, f"rank {rank} starts at {first}",
                    f"rank {prev_rank} ended at {prev_last}, so {first} to {min(prev_last, last)} are counted "
                    f"twice: each rank must take only its own block")
        if first > prev_last + 1:
            return (f"rank {rank} to start at {prev_last + 1}", f"rank {rank} starts at {first}",
                    f"rank {prev_rank} ended at {prev_last}, so {prev_last + 1} to {first - 1} are counted by "
                    f"no rank: the next block starts right after the previous one")
    rank, _, last = nonempty[-1]
    if last != hi:
        if last < hi:
            hint = (f"with {ranks} ranks, rank {rank} counted up to {last} but the range ends at {hi}: "
                    f"the last block must take the remainder")
        else:
            hint = f"with {ranks} ranks, rank {rank} counted up to {last}, past the end of the range at {hi}"
        return (f"the last block to end at {hi}", f"it ends at {last}", hint)
    sizes = [0 if first is None else last - first + 1 for _, first, last in spans]
    if max(sizes) - min(sizes) > 1:
        listed = ", ".join(map(str, sizes))
        return ("blocks whose lengths differ by at most 1", f"lengths {listed}",
                f"{hi - lo + 1} numbers over {ranks} ranks: give {(hi - lo + 1) % ranks} of the ranks one "
                f"number more than the others, not all of the remainder to one rank")
    empty_first = [rank for rank, first, _ in spans if first is None]
    if empty_first and empty_first[0] < nonempty[-1][0]:
        return ("the empty blocks to come last", f"rank {empty_first[0]} is empty but rank "
                f"{nonempty[-1][0]} is not", "keep the blocks in rank order, the remainder to the first ranks")
    return None
