#!/usr/bin/env python3
"""Unit tests of labs/grader/blocks.py: each way a block split goes wrong gets
the hint that names it."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "..", "labs"))

from grader.blocks import block_problem, parse_blocks  # noqa: E402


def lines(*blocks, ranks):
    out = []
    for rank, block in enumerate(blocks):
        if block is None:
            out.append(f"rank {rank} of {ranks}: no numbers, 0 primes")
        else:
            out.append(f"rank {rank} of {ranks}: numbers {block[0]} to {block[1]}, 1 primes")
    return out


class BlockProblems(unittest.TestCase):
    def problem(self, *blocks, lo=0, hi=100):
        return block_problem(parse_blocks(lines(*blocks, ranks=len(blocks))), len(blocks), lo, hi)

    def test_a_right_split_has_no_problem(self):
        self.assertIsNone(self.problem((0, 33), (34, 67), (68, 100)))
        self.assertIsNone(self.problem((5, 5), (6, 6), (7, 7), None, lo=5, hi=7))

    def test_the_last_block_short_of_the_end(self):
        expected, got, hint = self.problem((0, 32), (33, 65), (66, 99))
        self.assertEqual(hint, "with 3 ranks, rank 2 counted up to 99 but the range ends at 100: "
                               "the last block must take the remainder")
        self.assertEqual((expected, got), ("the last block to end at 100", "it ends at 99"))

    def test_overlap_and_gap(self):
        self.assertIn("50 to 50 are counted twice", self.problem((0, 50), (50, 100))[2])
        self.assertIn("50 to 50 are counted by no rank", self.problem((0, 49), (51, 100))[2])

    def test_uneven_lengths(self):
        expected, got, hint = self.problem((0, 32), (33, 65), (66, 67), (68, 100))
        self.assertEqual(got, "lengths 33, 33, 2, 33")
        self.assertIn("give 1 of the ranks one number more", hint)

    def test_missing_and_repeated_lines(self):
        parsed = parse_blocks(lines((0, 50), (51, 100), ranks=3))
        self.assertIn("rank 2 printed no block line", block_problem(parsed, 3, 0, 100)[2])
        parsed = parse_blocks(lines((0, 50), ranks=2) * 2 + ["rank 1 of 2: numbers 51 to 100, 1 primes"])
        self.assertEqual(block_problem(parsed, 2, 0, 100)[1], "2 lines")

    def test_first_block_starts_late(self):
        self.assertEqual(self.problem((1, 50), (51, 100))[1], "rank 0 starts at 1")


if __name__ == "__main__":
    unittest.main()
