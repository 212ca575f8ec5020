"""Entry points read from the metadata folders are the ones importlib.metadata finds, in its order."""

from __future__ import annotations

import json
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from nianbao.plugin import entrypoints
from nianbao.plugin.entrypoints import EntryPoint


def triples(found: object) -> list[tuple[str, str, str]]:
    return [(ep.name, ep.value, ep.group) for ep in found]  # type: ignore[attr-defined]


def as_importlib_finds(group: str) -> list[tuple[str, str, str]]:
    return triples(metadata.entry_points(group=group))


def dist(folder: Path, name: str, text: str) -> None:
    (folder / name).mkdir(parents=True)
    (folder / name / "entry_points.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("group", ["nianbao", "console_scripts", "pytest11", "no-such-group"])
def test_the_installed_entry_points_are_importlibs(group: str) -> None:
    assert triples(entrypoints._read(group)) == as_importlib_finds(group)


def test_folders_on_the_path_are_read_in_order_and_an_earlier_distribution_shadows_a_later(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    dist(first, "agency_pack-1.0.dist-info",
         "# a comment\n\n[console_scripts]\ntool = agency_pack.cli:main\n"
         "[nianbao]\nagency = agency_pack\n  spaced   =  agency_pack.more : hooks [extra]\n")
    dist(first, "Old.Style-0.9.egg-info", "[nianbao]\nold = old_style\n")
    dist(second, "Agency.Pack-2.0.dist-info", "[nianbao]\nshadowed = agency_pack_v2\n")
    dist(second, "other-3.0.dist-info", "[nianbao]\nother = other_pack:plugin\n")
    (second / "not-a-dist-1.0.dist-info").write_text("a file, not a folder")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])

    found = triples(entrypoints._read("nianbao"))
    assert found == as_importlib_finds("nianbao")
    assert sorted(found) == [("agency", "agency_pack", "nianbao"), ("old", "old_style", "nianbao"),
                             ("other", "other_pack:plugin", "nianbao"),
                             ("spaced", "agency_pack.more : hooks [extra]", "nianbao")]


def test_a_zip_archive_on_the_path_is_left_to_importlib(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "packs.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped_pack-1.0.dist-info/entry_points.txt", "[nianbao]\nzipped = zipped_pack\n")
        zipped.writestr("zipped_pack-1.0.dist-info/METADATA", "Name: zipped_pack\nVersion: 1.0\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    with pytest.raises(entrypoints._Unusual):
        entrypoints._read("nianbao")
    assert triples(entrypoints.entry_points("nianbao")) == [("zipped", "zipped_pack", "nianbao")]


def test_an_entry_point_loads_its_module_or_the_object_it_names() -> None:
    assert EntryPoint("dumps", "json:dumps", "g").load() is json.dumps
    assert EntryPoint("json", "json", "g").load() is json
    assert EntryPoint("decoder", "json : decoder.JSONDecoder [extra]", "g").load() is json.decoder.JSONDecoder
    assert EntryPoint("decoder", "json.decoder:JSONDecoder", "g").module == "json.decoder"
