"""The Dask engine's pieces that need no cluster: the file listing and the batching of paths."""

from __future__ import annotations

import pytest

from yusuan.store.engines import EngineError, batches, read_list


def test_a_listing_skips_blank_lines_and_comments_and_keeps_spaces_inside_paths(tmp_path):
    listing = tmp_path / "files.txt"
    listing.write_text("\ufeff# 2025 年\n/共享/甲 局.pdf\n\n  /共享/乙.txt  \n# /共享/丙.txt\n", encoding="utf-8")
    assert read_list(str(listing)) == ["/共享/甲 局.pdf", "/共享/乙.txt"]


def test_an_unreadable_listing_is_named_in_the_message(tmp_path):
    with pytest.raises(EngineError, match="nope.txt：无法读取文件列表"):
        read_list(str(tmp_path / "nope.txt"))
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00\xd8bad")
    with pytest.raises(EngineError, match="bin.txt：无法读取文件列表"):
        read_list(str(binary))


def test_batches_cover_every_path_once_in_order():
    paths = [f"f{i}" for i in range(19)]
    got = list(batches(paths, 8))
    assert [len(b) for b in got] == [8, 8, 3]
    assert [p for b in got for p in b] == paths
    assert list(batches([], 8)) == []
