import io

import pytest

from oifgraph.errors import InputError
from oifgraph.reading import decode, document_ids, guess_title, iter_paths, read_file, read_stdin


def test_utf8_with_and_without_bom():
    assert decode("été".encode(), source="x") == ("été", "utf-8")
    assert decode(b"\xef\xbb\xbf" + "été".encode(), source="x") == ("été", "utf-8")


def test_cp1252_fallback_warns(caplog):
    text, encoding = decode("Société générale".encode("cp1252"), source="old.txt")
    assert (text, encoding) == ("Société générale", "cp1252")
    assert "not valid UTF-8" in caplog.text


def test_empty_and_whitespace_input_are_errors(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\t\n")
    for name in ("empty.txt", "blank.txt"):
        with pytest.raises(InputError, match="empty input"):
            read_file(tmp_path / name)


def test_folders_are_searched_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Un texte.")
    (tmp_path / "two.md").write_text("# Titre\n\nDeux.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    found = [p.name for p in iter_paths([tmp_path])]
    assert found == ["one.txt", "two.md"]


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_paths([tmp_path / "nope.txt"]))
    with pytest.raises(InputError, match="no .txt or .md"):
        list(iter_paths([tmp_path]))


def test_ids_are_stems_unless_they_clash(tmp_path):
    paths = [tmp_path / "dev" / "a.txt", tmp_path / "test" / "a.txt", tmp_path / "b.txt"]
    assert document_ids(paths) == ["dev/a", "test/a", "b"]


def test_stdin_and_titles():
    doc = read_stdin(io.BytesIO("Mistral AI lève des fonds\n\nLe texte.".encode()), doc_id="m")
    assert doc.id == "m" and doc.title == "Mistral AI lève des fonds"
    assert len(doc.sha256) == 64
    assert guess_title("Une longue phrase qui finit par un point.\nSuite") == ""
