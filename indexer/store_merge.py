"""Merges in the background: while a batch is written, the segments the merge policy
chooses are merged in another process, and the merged segment takes their place when
the batch commits (Lucene's concurrent merge scheduler does the same). A merge at the
commit itself would run after the last file is read, on one core, while the other
waits: at 20,000 letters it was most of the time to add the next 1,000.

Segments never change once written, so the merging process only reads theirs and writes
a segment of its own, which is not in the index until the commit lists it. Records the
batch deletes meanwhile (a file re-indexed or removed) are deleted again in the merged
segment at the commit. If the merge fails, the batch commits without it.
"""
from __future__ import annotations

import logging
import multiprocessing
import signal
from concurrent.futures import Future, ProcessPoolExecutor

import numpy as np

_log = logging.getLogger(__name__)


class BackgroundMerge:
    """A merge of ``chosen`` (segments of the index ``ix``, as ``choose_merge`` picks them)
    running in another process."""

    def __init__(self, chosen: list, future: Future, pool: ProcessPoolExecutor | None):
        self.ids = {seg.segment_id(): set(seg.deleted_docs()) for seg in chosen}
        self._future = future
        self._pool = pool

    @classmethod
    def start(cls, ix, chosen: list, table_fields: tuple[str, ...]) -> BackgroundMerge:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"),
                                   initializer=_ignore_interrupts)
        future = pool.submit(build_merged, ix.storage.folder, ix.indexname,
                             [seg.segment_id() for seg in chosen], table_fields)
        return cls(chosen, future, pool)

    def swap_in(self, writer, segments: list) -> list:
        """A Whoosh ``mergetype``: ``segments`` with the merged segment in place of those it
        holds, once the merge has finished; ``segments`` as they are if it failed."""
        try:
            merged, docmaps = self._future.result()
        except Exception as error:  # the merge's problem, not the batch's: keep the segments
            _log.warning("merging segments failed; committed without the merge: %s", error)
            return segments
        finally:
            self.close()
        by_id = {seg.segment_id(): seg for seg in segments}
        if not set(self.ids) <= set(by_id):
            return segments
        for segid, deleted_then in self.ids.items():
            for old in set(by_id[segid].deleted_docs()) - deleted_then:
                new = int(docmaps[segid][old])
                if new >= 0:
                    merged.delete_document(new)
        return [seg for seg in segments if seg.segment_id() not in self.ids] + [merged]

    def close(self) -> None:
        """Wait for the merging process to end (its files are cleaned by the next commit
        if its segment was not taken)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _ignore_interrupts() -> None:
    """In the merging process: Ctrl-C is the parent's to handle (it commits what it has,
    once the merge it is waiting for has ended)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def build_merged(folder: str, indexname: str, segment_ids: list[str],
                 table_fields: tuple[str, ...]) -> tuple[object, dict[str, np.ndarray]]:
    """In the merging process: write one segment holding the live records of the
    segments ``segment_ids`` of the index in ``folder``, without committing it; return
    it and, for each merged segment, its docnums' new docnums (-1: deleted)."""
    from whoosh import index as windex
    from whoosh.reading import SegmentReader

    from .store_write import Writer, writer_options

    ix = windex.open_dir(folder, indexname=indexname)
    by_id = {seg.segment_id(): seg for seg in ix._segments()}
    missing = [segid for segid in segment_ids if segid not in by_id]
    if missing:
        raise LookupError(f"segments no longer in the index: {missing}")
    writer = Writer(ix, _lk=False, **writer_options(table_fields))
    docmaps = {}
    for segid in segment_ids:
        writer.add_reader(SegmentReader(writer.storage, writer.schema, by_id[segid]))
        docmaps[segid] = writer.pool.docmap_of_last()
    return writer._finalize_segment(), docmaps
