"""One run, each step once: plugins are created once, the paths expanded once, and every file
loaded once, whether it loads or not."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from nianbao import cli
from nianbao.config.settings import Config
from nianbao.engine import inputs
from nianbao.engine import session as session_module
from nianbao.engine.session import Session
from nianbao.plugin import manager

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


def _run_cli(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["nianbao", *args])
    with pytest.raises(SystemExit) as exited:
        cli.run()
    return int(exited.value.code or 0)


def test_plugins_are_created_once_per_run(monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture) -> None:
    calls: list[tuple] = []

    def counted(*args: object) -> manager.Plugins:
        calls.append(args)
        return manager.create_plugins(*args)

    monkeypatch.setattr(cli, "create_plugins", counted)
    monkeypatch.setattr(session_module, "create_plugins", counted)
    params = list(cli.check.params)
    try:
        assert _run_cli(monkeypatch, "check", str(EXAMPLES / "2022-clean-2021-edition.md")) == 0
    finally:
        cli.check.params[:] = params
    assert calls == [()]
    assert "共检查 1 个文件" in capsys.readouterr().out


def test_paths_are_expanded_once(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    calls: list[tuple[str, ...]] = []
    collect = inputs.collect

    def counted(names: object, *args: object, **kwargs: object) -> object:
        names = tuple(names)  # type: ignore[arg-type]
        calls.append(names)
        return collect(names, *args, **kwargs)  # type: ignore[arg-type]

    def never(self: Session, paths: object) -> object:
        raise AssertionError("the CLI expands its paths with nianbao.engine.inputs.collect alone")

    monkeypatch.setattr(inputs, "collect", counted)
    monkeypatch.setattr(Session, "expand", never)
    params = list(cli.check.params)
    try:
        _run_cli(monkeypatch, "check", str(EXAMPLES))
    finally:
        cli.check.params[:] = params
    assert calls == [(str(EXAMPLES),)]
    assert "共检查 3 个文件" in capsys.readouterr().out


def test_every_file_is_loaded_once_whether_it_loads_or_not(monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_bytes((EXAMPLES / "2022-clean-2021-edition.md").read_bytes())
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    loads: Counter[str] = Counter()
    load = Session.load

    def counted(self: Session, path: Path) -> object:
        loads[path.name] += 1
        return load(self, path)

    monkeypatch.setattr(Session, "load", counted)
    reports = list(Session(Config(select=("DOC", "SEC", "REC"))).check_paths([tmp_path]))
    # the pairing pass of a batch reads each file for its agency, year and format only; a file
    # that fails there (empty.md) is reported from it and not loaded again
    assert loads == {"good.md": 1}
    assert [(Path(r.path).name, [f.rule_id for f in r.findings]) for r in reports] == [
        ("empty.md", ["DOC001"]), ("good.md", []),
    ]
