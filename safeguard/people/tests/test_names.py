from safeguard.people.names import given_name_variants, name_fields, normalise_name


def test_normalising_folds_accents_case_and_punctuation():
    assert normalise_name("Zoë O'Brien-Smith") == "zoeobriensmith"


def test_name_fields_hold_normal_forms_and_phonetic_keys():
    fields = name_fields("Jon", "Smyth")
    assert fields == {
        "given_norm": "jon",
        "family_norm": "smyth",
        "given_key": "J500",
        "family_key": "S530",
    }
    assert name_fields("John", "Smith")["family_key"] == fields["family_key"]


def test_given_name_variants_include_nicknames_and_formal_forms():
    assert {"robert", "bob"} <= given_name_variants("bob")
    assert "william" in given_name_variants("bill")


def test_an_empty_name_has_no_variants():
    assert given_name_variants("") == set()
