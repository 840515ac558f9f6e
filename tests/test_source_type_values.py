"""Every source_type newslab writes is one the schema documents."""

import re
from pathlib import Path

import newslab
from newslab.attribution.source_types import SOURCE_TYPES

ROOT = Path(__file__).resolve().parents[1]


def test_written_source_types_are_documented(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Jo Reed, the mayor, said the dam was safe. Officials said so too. It was announced that taxes rise. "
        "The campaign said it would appeal. The Valley Gazette reported the leak.\n", encoding="utf-8")
    written = set(newslab.load(tmp_path, progress=False).sources["source_type"].fillna(""))
    documented = set(SOURCE_TYPES) | {"unresolved", ""}
    assert written <= documented
    assert "unresolved" in written  # "The campaign said" with no candidate named before it
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    listed = re.search(r"`source_type` \(one of `SOURCE_TYPES`[^)]*\)", doc, re.S)
    assert listed and all(t in listed.group(0) for t in SOURCE_TYPES)
