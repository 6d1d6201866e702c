"""Hand-made Documents for the store's tests, and a way to index them."""
from __future__ import annotations

from pathlib import Path

from indexer.model import Document, Passage, Recommendation
from indexer.store import Index

WLGA_LETTER = """Thank you for your letter in relation to care experienced children and the \
work of local authorities to safely reduce the number of children looked after.

Local authorities are concerned about reduction targets. Each authority has agreed a \
target with Welsh Government, but a target must never drive decisions about a child.

We would be happy to provide further information to the Committee."""


def doc(id: str, source: str, text: str, **meta) -> Document:
    """A Document with one passage per paragraph, numbered pages 1.."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    passages = tuple(Passage(id, i, p, page=i + 1) for i, p in enumerate(paras))
    return Document(id=id, source=source, text=text, passages=passages,
                    pages=(1, len(paras)), **meta)


DOCS = {
    "letters/wlga.txt": [doc(
        "wlga-1", "letters/wlga.txt", WLGA_LETTER, title="Letter from the WLGA", doc_type="letter",
        date="2019-11-08", author="Naomi Alleyne", organisation="Welsh Local Government Association")],
    "packs/pac-pack.txt": [
        doc("pack-1", "packs/pac-pack.txt", "Public Accounts Committee agenda pack.\n\nItem 3: papers to note.",
            doc_type="other", date="2020-01-13", organisation="Public Accounts Committee"),
        doc("pack-2", "packs/pac-pack.txt", WLGA_LETTER, title="Letter from the WLGA", doc_type="letter",
            date="2019-11-08", author="Naomi Alleyne", organisation="Welsh Local Government Association",
            paper_ref="PAC(5)-02-20 P3"),
    ],
    "letters/ccfw.txt": [doc(
        "ccfw-1", "letters/ccfw.txt",
        "I am concerned that targets and financial penalties could push authorities to act "
        "against the interests of a child.\n\nPoverty is the main driver of children entering care.",
        title="Letter from the Children's Commissioner", doc_type="letter", date="2019-11",
        author="Professor Sally Holland", organisation="Children's Commissioner for Wales",
        recommendations=(Recommendation(7),))],
    "letters/nspcc.txt": [doc(
        "nspcc-1", "letters/nspcc.txt",
        "The Targeted Family Justice Review is relevant here.\n\n"
        "Our <b>Baby Steps</b> programme <script>alert(1)</script> supports parents & carers.\n\n"
        "Finance matters, and penalties for missing deadlines are financial in nature.",
        title="NSPCC evidence", doc_type="evidence", date="2019-12", author="Des Mannion",
        organisation="NSPCC Cymru/Wales")],
    "papers/wg.txt": [doc(
        "wg-1", "papers/wg.txt",
        "Recommendation 7: spending on preventative services will rise.\n\n"
        "The Housing Support Grant funds work with families in poverty.",
        title="Welsh Government response", doc_type="response", date="2019-06-21",
        organisation="Welsh Government", recommendations=(Recommendation(3), Recommendation(7)))],
    "notes/anon.txt": [doc(
        "anon-1", "notes/anon.txt", "Unsigned note: targets were discussed at the meeting.",
        doc_type="minutes", date="2018")],
}


def build(index_dir: Path, files: dict[str, list[Document]] = DOCS) -> Index:
    index = Index.open(index_dir, create=True)
    with index.batch() as batch:
        for n, (source, docs) in enumerate(files.items()):
            batch.put_file(source, f"hash-{n}", docs)
        batch.put_failure("broken/secret.pdf", "hash-x", "encrypted", "the PDF needs a password")
    return index
